import ArgumentParser
import LRLens
import LRLensIO

/// `lrlens suggest`: suggest learning rates from LR-finder logs.
struct Suggest: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Suggest learning rates from LR-finder logs.",
    discussion: """
      Reads each FILE (- for standard input; a directory gives the log files in it), detects \
      its format and framework, and prints each rule's suggested learning rate. With --preset, \
      reproduces that framework's own answer from its export. Files are analysed in parallel \
      and reported in input order, followed by a summary table when there are several. A file \
      that cannot be read is reported on stderr and the others are processed; the exit code \
      is that of the first failure in input order. For scripts: --only-lr prints just the \
      recommended rate (RATE=$(lrlens suggest run.csv --only-lr --strict)).
      """)

  @OptionGroup var batch: BatchOptions
  @OptionGroup var input: InputOptions
  @OptionGroup var analysis: AnalysisFlags

  @Flag(help: "Print one JSON object per file (JSON Lines) instead of text.")
  var json = false

  @Flag(
    help: """
      Also print the recommendation's findings (what the curve shows and what to change) and \
      the measurements it was computed from.
      """)
  var verbose = false

  @Option(
    name: .customLong("csv"),
    help: ArgumentHelp("Also write the summary table (one row per file) as CSV.", valueName: "file")
  )
  var summaryPath: String?

  @Option(
    name: .customLong("plot"),
    help: ArgumentHelp(
      "Also write each file's SVG plot here (a folder for several files, as with plot -o).",
      valueName: "path"))
  var plotPath: String?

  @Flag(
    help: """
      Exit with 65 when lrlens refuses to recommend for a file (low confidence), so pipelines \
      stop instead of using a silent number; each refusal is reported on stderr, and the exit \
      code is that of the first failure in input order.
      """)
  var strict = false

  @Flag(
    name: .customLong("only-lr"),
    help: """
      Print only the recommended learning rate, one number per line and file in input order \
      (full precision, no summary); a refusal prints an empty line and a warning on stderr \
      (with --strict, no line and an error).
      """)
  var onlyLearningRate = false

  mutating func validate() throws {
    if onlyLearningRate && (json || verbose) {
      throw ValidationError("--only-lr prints only the rate: drop --json and --verbose")
    }
  }

  func run() throws {
    let pipeline = Pipeline(
      readOptions: input.readOptions, analysisOptions: analysis.analysisOptions
    ).readingHDF5InHelper
    let files = batch.expandedFiles
    let plots: [String: String]
    do {
      plots =
        try plotPath.map { output throws(LRLensError) in
          Dictionary(
            zip(files, try PlotDestinations.paths(for: files, output: output)),
            uniquingKeysWith: { first, _ in first })
        } ?? [:]
    } catch {
      StandardStreams.report(error)
      throw ExitCode(error.kind.exitCode)
    }
    try OutputCollisions.check(
      inputs: files,
      outputs: (summaryPath.map { [("--csv", $0)] } ?? [])
        + files.compactMap { plots[$0] }.map { ("--plot", $0) })
    var summary = SummaryTable(
      ruleIDs: analysis.ruleIDs ?? analysis.preset?.ruleIDs ?? SuggesterRegistry.reportOrder)
    // The first failure in input order decides the exit code; with --strict a refusal is one.
    var firstFailure: Int32?
    var skippedCount = 0
    do {
      try FileLoop.run(
        files, quiet: batch.quiet,
        { path throws(LRLensError) in
          guard let plot = plots[path] else { return try pipeline.run(path: path) }
          let analysed = try pipeline.analyze(path: path)
          try AtomicFile.write(Array(SVGRenderer().render(analysed.plotModel).utf8), to: plot)
          return analysed.report
        },
        output: { report throws(LRLensError) in
          summary.add(report)
          StandardStreams.writeOutput(try text(of: report))
          if report.recommendation.isRefusal && (strict || onlyLearningRate) {
            reportRefusal(report)
            if strict && firstFailure == nil { firstFailure = 65 }
          }
          return ""
        },
        failed: { path, error in
          summary.add(failed: path, error: error)
          if firstFailure == nil { firstFailure = error.kind.exitCode }
        },
        skippable: batch.foundFiles, skipped: { _ in skippedCount += 1 })
    } catch is ExitCode {
      // Each failure was reported and recorded in order above.
    }
    if !json && !onlyLearningRate && files.count - skippedCount > 1 {
      StandardStreams.writeOutput(
        "\nSummary of \(files.count - skippedCount) files:\n" + summary.text())
    }
    if let summaryPath {
      do {
        try AtomicFile.write(Array(summary.csv().utf8), to: summaryPath)
      } catch {
        StandardStreams.report(error)
        throw ExitCode(error.kind.exitCode)
      }
    }
    if let firstFailure { throw ExitCode(firstFailure) }
  }

  /// What stdout gets for one file's report.
  private func text(of report: FileReport) throws(LRLensError) -> String {
    if onlyLearningRate {
      // A refusal keeps its line, so lines stay in step with the files, unless --strict fails.
      guard let learningRate = report.recommendation.lr else { return strict ? "" : "\n" }
      return "\(learningRate)\n"
    }
    return json ? try report.jsonLine() + "\n" : report.text(verbose: verbose)
  }

  /// Says on stderr that a file got no reliable recommendation, and why.
  private func reportRefusal(_ report: FileReport) {
    let reason = report.recommendation.reason
    let message =
      strict
      ? "error: \(reason) (a refusal fails under --strict)\n"
        + "  fix: rerun the range test as the reason says, or drop --strict\n"
      : "warning: \(reason) (an empty line was printed)\n"
        + "  fix: rerun the range test as the reason says\n"
    StandardStreams.writeError("\(report.file): " + message)
  }
}
