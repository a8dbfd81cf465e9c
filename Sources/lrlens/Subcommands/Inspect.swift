import ArgumentParser
import LRLens

/// `lrlens inspect`: show what lrlens sees in log files.
struct Inspect: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show what lrlens sees in log files.",
    discussion: """
      For each FILE (- for standard input): the format, every column, key, dataset or tag with \
      its length and type and what lrlens would use it for, the framework and smoothing \
      guesses with their evidence, non-finite counts and the learning-rate spacing.
      """)

  @OptionGroup var batch: BatchOptions
  @OptionGroup var input: InputOptions

  @Flag(help: "Print one JSON object per file (JSON Lines) instead of text.")
  var json = false

  func run() throws {
    let pipeline = Pipeline(readOptions: input.readOptions, analysisOptions: AnalysisOptions())
      .readingHDF5InHelper
    try FileLoop.run(
      batch.expandedFiles, quiet: batch.quiet,
      { path throws(LRLensError) in try pipeline.inspect(path: path) },
      output: { report throws(LRLensError) in json ? try report.jsonLine() + "\n" : report.text() },
      skippable: batch.foundFiles)
  }
}
