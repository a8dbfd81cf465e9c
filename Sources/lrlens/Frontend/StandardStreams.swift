import LRLens

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes results to stdout and errors to stderr, unbuffered, so that their order is kept.
///
/// Every write goes through `write(2)` and is checked: a reader that went away (`EPIPE`, when
/// `SIGPIPE` is ignored, as Python's subprocess leaves it) ends lrlens as `SIGPIPE` would, with
/// no message; any other failure of stdout (a closed descriptor, a full disk) is reported on
/// stderr and ends lrlens with exit 74. A failure to write stderr itself is ignored, except
/// that a closed stderr stays silent.
enum StandardStreams {
  /// Writes text to standard output, or ends the process when it cannot.
  static func writeOutput(_ text: String) {
    writeOutput(bytes: Array(text.utf8))
  }

  /// Writes bytes (a whole log file, say) to standard output, or ends the process when it
  /// cannot.
  static func writeOutput(bytes: [UInt8]) {
    let error = writeAll(bytes, to: STDOUT_FILENO)
    guard error != 0 else { return }
    if error == EPIPE { endAsBrokenPipe() }
    writeError(
      "<stdout>: error: cannot write the results: \(String(cString: strerror(error)))\n"
        + "  fix: check where standard output goes (a closed descriptor, a full disk)\n")
    exit(74)
  }

  /// Writes text to standard error; a failure is ignored (there is nowhere left to report it).
  static func writeError(_ text: String) {
    _ = writeAll(Array(text.utf8), to: STDERR_FILENO)
  }

  /// Writes an error to standard error in the compiler style.
  static func report(_ error: LRLensError) {
    writeError("\(error)\n")
  }

  /// Ends the process the way `SIGPIPE` ends a Unix tool whose reader went away.
  private static func endAsBrokenPipe() -> Never {
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
    exit(74)
  }

  /// Writes every byte, resuming after short writes and interruptions.
  ///
  /// Wraps `write`.
  ///
  /// - Returns: 0, or the `errno` of the failure.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return written < 0 ? errno : EIO }
      offset += written
    }
    return 0
  }
}
