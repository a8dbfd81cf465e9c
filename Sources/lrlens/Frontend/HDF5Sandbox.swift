import Foundation
import LRLens

/// The one sandboxed HDF5 reader of this process: `lrlens hdf5-helper`, started from this very
/// binary when the first HDF5 file is read, and shared by every file of the batch.
enum HDF5Sandbox {
  /// The reader.
  static let reader = HDF5Helper(
    executable: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0],
    arguments: [HDF5HelperCommand.configuration.commandName ?? "hdf5-helper"])
}

extension Pipeline {
  /// This pipeline, reading HDF5 files in the sandboxed helper instead of in this process.
  var readingHDF5InHelper: Pipeline {
    var copy = self
    copy.hdf5Reader = HDF5Sandbox.reader
    return copy
  }
}
