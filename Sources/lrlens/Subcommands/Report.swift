import ArgumentParser
import LRLens
import LRLensIO

/// `lrlens report`: one self-contained HTML page for a batch of runs.
struct Report: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write one self-contained HTML page for many runs.",
    discussion: """
      Analyses every FILE (a directory gives the log files in it) and writes a page with a \
      sortable summary table (file, framework, points, preset, each rule's learning rate, \
      how many decades separate the rules, and a strip showing each rule on the run's \
      learning-rate axis), then each run's SVG plot and diagnostics. The page loads nothing \
      from outside. Files that cannot be read are reported on stderr and listed in the page; \
      the exit code is then that of the first failure.
      """)

  @OptionGroup var batch: BatchOptions
  @OptionGroup var input: InputOptions
  @OptionGroup var analysis: AnalysisFlags

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the HTML page here instead of to standard output.", valueName: "file")
  )
  var output: String?

  func run() throws {
    let pipeline = Pipeline(
      readOptions: input.readOptions, analysisOptions: analysis.analysisOptions
    ).readingHDF5InHelper
    try OutputCollisions.check(
      inputs: batch.expandedFiles, outputs: output.map { [("-o", $0)] } ?? [])
    var report = HTMLReport(
      ruleIDs: analysis.ruleIDs ?? analysis.preset?.ruleIDs ?? SuggesterRegistry.reportOrder)
    var exit: ExitCode?
    do {
      try FileLoop.run(
        batch.expandedFiles, quiet: batch.quiet,
        { path throws(LRLensError) in try pipeline.analyze(path: path) },
        output: { file in
          report.add(.analysed(file))
          return ""
        },
        failed: { path, error in report.add(.failed(path: path, error: error)) },
        skippable: batch.foundFiles)
    } catch let code as ExitCode {
      exit = code
    }
    let page = report.html()
    if let output {
      do {
        try AtomicFile.write(Array(page.utf8), to: output)
      } catch {
        StandardStreams.report(error)
        throw ExitCode(error.kind.exitCode)
      }
    } else {
      StandardStreams.writeOutput(page)
    }
    if let exit { throw exit }
  }
}
