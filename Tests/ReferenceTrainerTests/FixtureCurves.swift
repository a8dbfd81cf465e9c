import LRLensCore
import LRLensReaders
import LRLensTestSupport

/// Reads the reference runs' learning rates and losses through the readers.
enum FixtureCurves {
  /// The curve of a fixture file, or `nil` (after recording nothing) if it cannot be read.
  ///
  /// - Parameter relativePath: The path below `fixtures/`.
  /// - Returns: The curve.
  static func curve(_ relativePath: String) -> LossCurve? {
    let input = LogInput(path: relativePath, bytes: Fixtures.bytes(relativePath))
    return try? ReaderRegistry.read(input, options: ReadOptions()).curve
  }
}
