internal import LRLensCore

/// Writes an h5py file (``ExportFormat/hdf5``): two float64 datasets at the root, the learning
/// rates then the losses, as `h5py.File(path, "w")` with `f["lr"] = lrs; f["loss"] = losses`
/// writes them (contiguous, no attributes).
///
/// The names are `lr` and `loss`, as in the reference runs' `lr_find_h5py.h5`; a Keras record
/// uses `lrs` and `losses`, the attribute names of keras_lr_finder's `LRFinder`, as in the
/// Keras runs' `lr_finder.h5`. The file is built in memory through the HDF5 C library.
struct HDF5Exporter: Exporter {
  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8] {
    let (learningRateName, lossName) = record.style == .keras ? ("lrs", "losses") : ("lr", "loss")
    let count = record.recordedLosses.count
    let builder = try HDF5ImageBuilder(path: path)
    try builder.writeDataset("/" + learningRateName, values: record.learningRates, shape: [count])
    try builder.writeDataset("/" + lossName, values: record.recordedLosses, shape: [count])
    return try builder.image()
  }
}
