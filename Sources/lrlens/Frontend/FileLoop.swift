import ArgumentParser
import LRLens
import LRLensIO

/// Processes many files on all cores: each result goes to stdout and each error to stderr in
/// input order, a failure does not stop the others, and a progress bar shows on a terminal.
enum FileLoop {
  /// Runs `body` for every path and writes what it returns.
  ///
  /// - Parameters:
  ///   - paths: The files, in order.
  ///   - quiet: Whether to hide the progress bar.
  ///   - body: Produces one file's result; runs concurrently.
  ///   - output: Turns a result into the text written to stdout (on the calling thread); an
  ///     error it throws is reported like a failure of that file.
  ///   - failed: Called with each failure after it is reported.
  ///   - skippable: The files found in a directory or by a pattern: one that turns out to hold
  ///     no learning-rate series is skipped with a note instead of failing.
  ///   - skipped: Called with each file skipped.
  /// - Throws: `ExitCode` of the first failure's kind, after every file was processed.
  static func run<Output: Sendable>(
    _ paths: [String], quiet: Bool,
    _ body: @escaping @Sendable (String) throws(LRLensError) -> Output,
    output: (Output) throws(LRLensError) -> String,
    failed: (String, LRLensError) -> Void = { _, _ in },
    skippable: Set<String> = [], skipped: (String) -> Void = { _ in }
  ) throws {
    let progress = ProgressBar(total: paths.count, quiet: quiet)
    var firstFailure: LRLensError?
    ParallelMap.forEachResult(paths, progress: progress.update, transform: body) {
      _, path, result in
      progress.clear()
      do throws(LRLensError) {
        StandardStreams.writeOutput(try output(try result.get()))
      } catch {
        if skippable.contains(path), InputExpander.meansNotALog(error) {
          StandardStreams.writeError(
            "\(path): note: skipped, not a learning-rate log (\(error.problem)); "
              + "name it to read it anyway\n")
          skipped(path)
          return
        }
        StandardStreams.report(error)
        failed(path, error)
        if firstFailure == nil { firstFailure = error }
      }
    }
    progress.clear()
    if let firstFailure { throw ExitCode(firstFailure.kind.exitCode) }
  }
}
