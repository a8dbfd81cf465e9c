import ArgumentParser
import LRLens
import LRLensIO
import LRLensValidation
import ReferenceTrainer

/// `lrlens validate`: every rule's regret, measured by training.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Measure each rule's regret: range test, every rule, then an LR sweep.",
    discussion: """
      For each task: runs the range test in the chosen style, applies every rule with \
      lrlens's defaults, sweeps the task (see lrlens sweep), trains at each suggestion with \
      the sweep's seeds and budget, and prints each rule's suggestion, its distance from the \
      sweep's best rate in decades, the validation loss it gave and its regret (how much \
      worse than the best, in loss and as a share of the best's improvement). With several \
      tasks a summary over them follows: per rule the failures, the median and 90th \
      percentile distance and regret, and how often it lands within 0.5 decades of the best \
      rate and of the near-best centre (the geometric centre of the rates within 2 % of the \
      best's improvement, which grid noise moves less than the best rate itself).

      Tasks (default: all):
      \(TaskHelp.list)
      """)

  @Option(
    name: .customLong("task"), parsing: .singleValue,
    help: "A task to validate; repeat for several (default: every task).")
  var tasks: [String] = []

  @Option(
    help: """
      The finder to imitate for the range test (default: fastai). --suite and --held-out run \
      each task in its own style.
      """)
  var style: FinderStyle?

  @Option(help: "The seed of the range test.")
  var seed: UInt64 = 1

  @OptionGroup var sweep: SweepFlags

  @Flag(
    help: """
      Run the quality suite instead: 32 tasks across data sets, models, optimizers, batch \
      sizes, finder styles and noise levels, each with its own style and a sweep of 8 rates per \
      decade and 3 seeds.
      """)
  var suite = false

  @Flag(help: "Run the 20 held-out tasks kept out of tuning instead (same sweep as --suite).")
  var heldOut = false

  @Option(
    name: .customLong("markdown"),
    help: ArgumentHelp("Also write the summary table as Markdown.", valueName: "file"))
  var markdownPath: String?

  @Option(
    name: .customLong("json"),
    help: ArgumentHelp(
      """
      Also write each task's report as one JSON object per line: task, style, seed, points, \
      tested_range, sweep (as lrlens sweep --json prints it) and outcomes (per rule: lr, \
      val_loss, decades_from_best, decades_from_centre, loss_regret, relative_regret, \
      in_good_range).
      """,
      valueName: "file"))
  var jsonPath: String?

  @Option(
    name: .customLong("save-logs"),
    help: ArgumentHelp(
      """
      Also write each task's range test, in its style's own CSV, to this existing folder as \
      <task>-<style>.csv, so the rules can be rerun on it without training.
      """, valueName: "folder"))
  var logFolder: String?

  mutating func validate() throws {
    if suite && heldOut {
      throw ValidationError("--suite and --held-out run different task sets; pass one of them")
    }
    if (suite || heldOut) && !tasks.isEmpty {
      throw ValidationError(
        "--task cannot be combined with \(suite ? "--suite" : "--held-out"), which runs its own "
          + "tasks")
    }
    if (suite || heldOut) && style != nil {
      throw ValidationError(
        "--style cannot be combined with \(suite ? "--suite" : "--held-out"), which runs each "
          + "task in its own style")
    }
    for name in tasks {
      _ = try TaskHelp.task(named: name)
    }
  }

  func run() throws {
    try OutputCollisions.check(
      inputs: [],
      outputs: (markdownPath.map { [("--markdown", $0)] } ?? [])
        + (jsonPath.map { [("--json", $0)] } ?? []))
    let entries =
      heldOut
      ? QualitySuite.heldOut
      : suite
        ? QualitySuite.entries
        : try (tasks.isEmpty ? TrainingTask.all : tasks.map(TaskHelp.task(named:))).map {
          QualitySuite.Entry(task: $0, style: style ?? .fastai)
        }
    let sweepSettings = suite || heldOut ? QualitySuite.sweepSettings : sweep.settings
    do throws(LRLensError) {
      var reports: [ValidationReport] = []
      for entry in entries {
        let report = try ValidationReport.run(
          task: entry.task, style: entry.style, seed: seed, sweepSettings: sweepSettings)
        StandardStreams.writeOutput(report.text() + "\n")
        if let logFolder {
          try RunExporter().export(
            report.rangeTest, as: .csv,
            to: "\(logFolder)/\(entry.task.name)-\(entry.style.rawValue).csv")
        }
        reports.append(report)
      }
      let table = RegretTable(reports).markdown()
      if reports.count > 1 {
        StandardStreams.writeOutput("Summary over \(reports.count) tasks:\n" + table)
      }
      if let jsonPath {
        let lines = try reports.map { report throws(LRLensError) in try report.jsonLine() + "\n" }
          .joined()
        try AtomicFile.write(Array(lines.utf8), to: jsonPath)
      }
      if let markdownPath {
        try AtomicFile.write(Array(table.utf8), to: markdownPath)
      }
    } catch {
      StandardStreams.report(error)
      throw ExitCode(error.kind.exitCode)
    }
  }
}
