import ArgumentParser
import LRLens

/// `lrlens hdf5-helper` (hidden): the sandboxed process that reads HDF5 files for the other
/// subcommands, one request at a time on standard input and output.
struct HDF5HelperCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hdf5-helper",
    abstract: "Read HDF5 files for lrlens in a sandboxed process (internal).",
    shouldDisplay: false)

  func run() throws {
    let status = HDF5Helper.serve()
    if status != 0 { throw ExitCode(status) }
  }
}
