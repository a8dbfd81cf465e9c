import ArgumentParser
import LRLens
import LRLensValidation
import ReferenceTrainer

/// `lrlens train`: run a real LR range test with the reference trainer and export its log.
struct Train: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a real LR range test in a framework's style and write its log.",
    discussion: """
      Trains a small pure-Swift network on bundled data while the learning rate grows, exactly \
      as the chosen framework's finder does (grid, endpoints, smoothing, divergence stop, what \
      its recorder keeps), then writes the log in a format that framework's users export. The \
      same task, style and seed always give the same bytes.

      Tasks:
      \(TaskHelp.list)

      Formats: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).
      """)

  @Option(help: "The task to train (see the list above).")
  var task: String

  @Option(help: "The finder to imitate: fastai, torch-lr-finder, lightning, ignite, keras, mxnet.")
  var style: FinderStyle = .fastai

  @Option(help: "The export format (see the list above).")
  var format: ExportFormat = .csv

  @Option(help: "The seed of the initial weights and the batch order.")
  var seed: UInt64 = 1

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "The log file to write; - writes the log to standard output (and the summary to stderr).",
      valueName: "file"))
  var output: String

  @Option(help: "The first learning rate (default: the task's).")
  var startLR: Double?

  @Option(help: "The learning rate to end at (default: the task's).")
  var endLR: Double?

  @Option(
    parsing: .unconditional,
    help: "The number of iterations (default: the task's); fastai raises fewer than 6 to 6.")
  var numIt: Int?

  @Option(help: "exponential or linear steps (torch-lr-finder, Lightning and ignite have both).")
  var stepMode: RangeTestSettings.StepMode = .exponential

  @Option(help: "The first layer's learning rate as a multiple of the rest (discriminative LRs).")
  var lrMult: Double?

  @Flag(help: "Keep training after the loss diverges, to the last iteration.")
  var noStopDiv = false

  @Flag(help: "Use the framework's own default range instead of the task's.")
  var frameworkDefaults = false

  mutating func validate() throws {
    _ = try TaskHelp.task(named: task)
  }

  func run() throws {
    let task = try TaskHelp.task(named: self.task)
    var settings =
      frameworkDefaults
      ? RangeTestSettings.frameworkDefaults(for: style)
      : RangeTestSettings(task: task, style: style)
    if let startLR { settings.startLearningRate = startLR }
    if let endLR { settings.endLearningRate = endLR }
    if let numIt { settings.iterations = numIt }
    if let lrMult { settings.groupZeroMultiplier = lrMult }
    settings.stepMode = stepMode
    settings.stopsOnDivergence = !noStopDiv
    do {
      let record = try task.rangeTest(style: style, seed: seed, settings: settings)
      if style == .fastai, let numIt, numIt < 6 {
        // Matches fastai fastai/callback/schedule.py@0a049e8a90b8 (LRFinder): num_it < 6 is 6.
        StandardStreams.writeError(
          "note: fastai's finder raises num_it \(numIt) to 6, so the log has 6 points\n")
      }
      let stop = record.stoppedEarly ? ", stopped on divergence" : ""
      let summary = """
        \(task.name), \(style.rawValue) finder, seed \(seed), \
        \(record.learningRates.count) points\(stop), \(format.rawValue) format

        """
      if output == "-" {
        StandardStreams.writeOutput(bytes: try RunExporter().bytes(for: record, as: format))
        StandardStreams.writeError("wrote <stdout>: " + summary)
      } else {
        try RunExporter().export(record, as: format, to: output)
        StandardStreams.writeOutput("wrote \(output): " + summary)
      }
    } catch {
      StandardStreams.report(error)
      throw ExitCode(error.kind.exitCode)
    }
  }
}
