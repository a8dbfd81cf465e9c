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
  /// - Throws: `ExitCode` of the first failure's kind, after every file was processed.
  static func run<Output: Sendable>(
    _ paths: [String], quiet: Bool,
    _ body: @escaping @Sendable (String) throws(LRLensError) -> Output,
    output: (Output) throws(LRLensError) -> String,
    failed: (String, LRLensError) -> Void = { _, _ in }
  ) throws {
    let progress = ProgressBar(total: paths.count, quiet: quiet)
    var firstFailure: LRLensError?
    ParallelMap.forEachResult(paths, progress: progress.update, transform: body) {
      _, path, result in
      progress.clear()
      do throws(LRLensError) {
        StandardStreams.writeOutput(try output(try result.get()))
      } catch {
        StandardStreams.report(error)
        failed(path, error)
        if firstFailure == nil { firstFailure = error }
      }
    }
    progress.clear()
    if let firstFailure { throw ExitCode(firstFailure.kind.exitCode) }
  }
}
