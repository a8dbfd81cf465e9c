import Foundation
import LRLens

/// Writes results to stdout and errors to stderr, unbuffered, so that their order is kept.
enum StandardStreams {
  /// Writes text to standard output.
  static func writeOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Writes text to standard error.
  static func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Writes an error to standard error in the compiler style.
  static func report(_ error: LRLensError) {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
  }
}
