/// The file format a loss curve was read from.
public enum LogFormat: String, Sendable, Hashable, CaseIterable {
  /// Comma-, semicolon- or tab-separated values with a header row.
  case csv
  /// JSON: an object of arrays or a list of `[lr, loss]` pairs.
  case json
  /// HDF5 (h5py datasets or a pandas `to_hdf` frame).
  case hdf5
  /// A text log with one `key=value` record per line.
  case text
  /// TensorBoard event files.
  case tensorboard
}
