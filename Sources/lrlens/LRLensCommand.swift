import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `lrlens` command: reads learning-rate-finder logs from any framework and tells you which
/// learning rate to train with.
@main
struct LRLensCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lrlens",
    abstract: "Read learning-rate-finder logs from any framework and suggest a learning rate.",
    discussion: """
      lrlens reads LR range-test logs exported by fastai, torch-lr-finder, PyTorch Lightning, \
      ignite, Keras and MXNet (CSV, JSON, HDF5, text logs or TensorBoard event files), and \
      runs every framework's suggestion rule on them exactly as the framework computes it. \
      Exit codes: 0 success, 64 usage, 65 bad data, 66 cannot open input, 70 internal error, \
      73 cannot create output, 74 I/O error.
      """,
    version: "0.1.0",
    subcommands: [
      Suggest.self, Inspect.self, Plot.self, Report.self, Rules.self, Train.self, Sweep.self,
      Validate.self, HDF5HelperCommand.self,
    ],
    defaultSubcommand: Suggest.self
  )

  /// Plugs closed standard descriptors before anything else runs, then runs the command.
  ///
  /// A closed descriptor would be reused by the next `open`, so that results written to
  /// "stdout" could land in an input or in the HDF5 helper's socket. A closed stdin or stderr
  /// becomes `/dev/null` opened for writing only (reading `-` then fails with `EBADF`, which
  /// reads as "standard input is closed"; errors go nowhere); a closed
  /// stdout is reported and ends lrlens with exit 74 at once. A first argument that is no file
  /// but close to a subcommand's name is a typo: exit 64, naming the command.
  static func main() {
    for descriptor in [STDIN_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) < 0 {
      let opened = open("/dev/null", O_WRONLY)
      if opened >= 0 && opened != descriptor {
        _ = dup2(opened, descriptor)
        _ = close(opened)
      }
    }
    if fcntl(STDOUT_FILENO, F_GETFD) < 0 {
      StandardStreams.writeError(
        "<stdout>: error: standard output is closed\n"
          + "  fix: run lrlens with standard output open (redirect it to a file or /dev/null)\n")
      Glibc.exit(74)
    }
    let arguments = Array(CommandLine.arguments.dropFirst())
    let commands = configuration.subcommands.map { $0._commandName }
      .filter { $0 != HDF5HelperCommand._commandName }
    if let first = arguments.first,
      let command = CommandSpelling.correction(of: first, among: commands)
    {
      StandardStreams.writeError(
        "lrlens: error: unknown command '\(first)', and no file of that name\n"
          + "  fix: did you mean 'lrlens \(command)'? (lrlens --help lists the commands)\n")
      Glibc.exit(64)
    }
    main(nil)
  }
}
