import ArgumentParser
import Foundation
import LRLens
import LRLensIO

/// `lrlens plot`: draw the loss curve with every rule's suggestion.
struct Plot: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Plot the loss curve with every rule's suggestion, as SVG or in the terminal.",
    discussion: """
      With --output, writes a self-contained SVG (log-scale learning rate with decade ticks, \
      the skipped regions shaded, one marker per rule with a legend); otherwise draws the \
      curve in the terminal with Unicode braille dots (--ascii for plain characters). With \
      several files, --output names an existing folder that gets one SVG per file, named \
      after its path (runs/a/log.csv gives runs__a__log.csv.svg), and terminal plots follow \
      one another in input order.
      """)

  @OptionGroup var batch: BatchOptions
  @OptionGroup var input: InputOptions
  @OptionGroup var analysis: AnalysisFlags

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write an SVG file here (a folder for several files).", valueName: "path"))
  var output: String?

  @Flag(help: "Add a panel with the loss slope against log10(lr).")
  var derivative = false

  @Flag(help: "Draw the terminal plot with plain ASCII characters.")
  var ascii = false

  @Option(help: "The plot width: pixels for SVG, character cells in the terminal.")
  var width: Int?

  @Option(help: "The plot height: pixels for SVG, lines in the terminal.")
  var height: Int?

  mutating func validate() throws {
    for (flag, value) in [("--width", width), ("--height", height)] {
      if let value, !(8...10_000).contains(value) {
        throw ValidationError("\(flag) must be between 8 and 10000, got \(value)")
      }
    }
  }

  func run() throws {
    let pipeline = Pipeline(
      readOptions: input.readOptions, analysisOptions: analysis.analysisOptions
    ).readingHDF5InHelper
    let files = batch.expandedFiles
    if let output {
      let renderer = SVGRenderer(
        width: width ?? 900, height: height ?? 600, showsDerivativePanel: derivative)
      let destinations: [String: String]
      do {
        destinations = Dictionary(
          zip(files, try PlotDestinations.paths(for: files, output: output)),
          uniquingKeysWith: { first, _ in first })
      } catch {
        StandardStreams.report(error)
        throw ExitCode(error.kind.exitCode)
      }
      try OutputCollisions.check(
        inputs: files, outputs: files.compactMap { destinations[$0] }.map { ("-o", $0) })
      try FileLoop.run(
        files, quiet: batch.quiet,
        { path throws(LRLensError) in
          let svg = renderer.render(try pipeline.analyze(path: path).plotModel)
          try AtomicFile.write(Array(svg.utf8), to: destinations[path] ?? output)
        },
        output: { "" }, skippable: batch.foundFiles)
      return
    }
    let columns = Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    let renderer = TerminalRenderer(
      width: width ?? max(columns, 40), height: height ?? 20, usesUnicode: !ascii)
    try FileLoop.run(
      files, quiet: batch.quiet,
      { path throws(LRLensError) in
        let text = renderer.render(try pipeline.analyze(path: path).plotModel)
        let plot = text.hasSuffix("\n") ? text : text + "\n"
        return files.count > 1 ? "== \(path) ==\n" + plot : plot
      },
      output: { $0 }, skippable: batch.foundFiles)
  }
}
