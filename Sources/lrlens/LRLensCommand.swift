import ArgumentParser

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
}
