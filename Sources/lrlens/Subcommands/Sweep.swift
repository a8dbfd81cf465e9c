import ArgumentParser
import LRLens
import LRLensIO
import LRLensValidation
import ReferenceTrainer

/// `lrlens sweep`: the ground truth, by training at a grid of constant learning rates.
struct Sweep: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Train a task at a grid of learning rates to find which ones train well.",
    discussion: """
      From the same initial weights per seed, trains the task for a fixed number of batches \
      at each log-spaced learning rate, held constant and (unless --no-one-cycle) as the peak \
      of a one-cycle schedule, and reports the mean final training and validation losses, \
      the best rate, and the good range: the unbroken run of rates around the best that keep \
      at least 1 − tolerance of the best rate's improvement over the untrained model. Runs \
      use all cores; results do not depend on their order.

      Tasks:
      \(TaskHelp.list)
      """)

  @Option(help: "The task to sweep.")
  var task: String

  @OptionGroup var sweep: SweepFlags

  @Flag(help: "Print one JSON object (best_lr, good_range, results, ...) instead of text.")
  var json = false

  @Option(
    name: .customLong("csv"),
    help: ArgumentHelp("Also write the per-rate results as CSV.", valueName: "file"))
  var csvPath: String?

  mutating func validate() throws {
    _ = try TaskHelp.task(named: task)
  }

  func run() throws {
    let task = try TaskHelp.task(named: self.task)
    do {
      let report = try SweepReport.run(task: task, settings: sweep.settings)
      if let csvPath {
        try AtomicFile.write(Array(report.csv().utf8), to: csvPath)
      }
      StandardStreams.writeOutput(json ? try report.jsonLine() + "\n" : report.text())
    } catch {
      StandardStreams.report(error)
      throw ExitCode(error.kind.exitCode)
    }
  }
}
