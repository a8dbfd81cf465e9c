import ArgumentParser
import LRLens

/// Flags for processing many files at once.
struct BatchOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Log files, directories or glob patterns; - reads standard input.", valueName: "file"))
  var files: [String]

  @Flag(help: "Search directories below their first level.")
  var recursive = false

  @Option(
    help: ArgumentHelp(
      """
      Leave out files matching this glob pattern: the path or its end (so a pattern \
      without / matches names); ** crosses folders, {a,b} gives alternatives. Repeatable.
      """, valueName: "glob"))
  var exclude: [String] = []

  @Flag(help: "Show no progress bar.")
  var quiet = false

  mutating func validate() throws {
    guard !files.isEmpty else {
      throw ValidationError("name at least one log file, or - for stdin")
    }
  }

  /// The files to read: directories and patterns expanded, exclusions left out, in input order.
  var expandedInputs: [InputExpander.Input] {
    InputExpander.expandInputs(files, recursive: recursive, excluding: exclude)
  }

  /// The paths of ``expandedInputs``.
  var expandedFiles: [String] { expandedInputs.map(\.path) }

  /// The files found in a directory or by a pattern, which are skipped with a note when they
  /// hold no learning-rate series.
  var foundFiles: Set<String> { Set(expandedInputs.filter(\.isFound).map(\.path)) }
}
