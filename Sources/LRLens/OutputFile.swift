internal import Foundation

/// Writes output files so that no reader ever sees a partly written one.
public enum OutputFile {
  /// Writes a whole file atomically: to a temporary file beside it, then renamed over it.
  ///
  /// An existing file is replaced only once the new content is complete; on failure the
  /// temporary file is removed and the old file, if any, is left as it was.
  ///
  /// - Parameters:
  ///   - contents: The bytes to write.
  ///   - path: The destination.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` when the file cannot be written.
  public static func write(_ contents: [UInt8], to path: String) throws(LRLensError) {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).lrlens-\(UUID().uuidString).tmp")
    do {
      try Data(contents).write(to: temporary, options: .withoutOverwriting)
      // rename(2) replaces an existing file atomically; FileManager.replaceItemAt fails on
      // Linux when the destination exists.
      guard rename(temporary.path, url.path) == 0 else {
        throw RenameFailure(code: errno)
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw LRLensError(
        .cannotCreateOutput, at: InputLocation(path: path),
        problem: "cannot write the file: \(error.localizedDescription)",
        fix: "check that its folder exists and is writable")
    }
  }
}

/// A failed rename(2), with its errno.
private struct RenameFailure: Error, LocalizedError {
  var code: Int32
  var errorDescription: String? { String(cString: strerror(code)) }
}
