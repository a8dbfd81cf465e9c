package import LRLensCore

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Reads a whole input through POSIX calls, counting the bytes actually read against a limit,
/// so that devices (`/dev/zero`), pipes, FIFOs and files that grow while read cannot push past
/// it: nothing trusts a size from `stat` or a seek.
package enum InputFile {
  /// Reads a file, or standard input for `-`.
  ///
  /// Wraps `open`, `fstat` and `read`.
  ///
  /// - Parameters:
  ///   - path: The path as the user gave it.
  ///   - limit: The most bytes accepted.
  /// - Returns: The bytes.
  /// - Throws: `LRLensError` of kind `.cannotOpenInput` when the file is missing, unreadable
  ///   (permission denied), a symbolic-link loop or a directory; `.badData` when it holds more
  ///   than `limit` bytes; `.ioFailure` when reading fails part-way.
  package static func read(_ path: String, limit: Int) throws(LRLensError) -> [UInt8] {
    let location = InputLocation(path: path)
    let isStandardInput = path == "-"
    let descriptor = isStandardInput ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw openFailure(errno, location) }
    defer { if !isStandardInput { _ = close(descriptor) } }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let problem =
        isStandardInput
        ? "standard input is closed" : "cannot examine the file: \(systemMessage(errno))"
      throw LRLensError(
        .cannotOpenInput, at: location, problem: problem,
        fix: isStandardInput
          ? "give lrlens a log on standard input, or name a file" : "check the path")
    }
    if status.st_mode & S_IFMT == S_IFDIR {
      throw LRLensError(
        .cannotOpenInput, at: location, problem: "this is a directory, not a log file",
        fix: "name the log files inside it")
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count < 0 {
        let code = errno
        if code == EBADF && isStandardInput {
          throw LRLensError(
            .cannotOpenInput, at: location, problem: "standard input is closed",
            fix: "give lrlens a log on standard input, or name a file")
        }
        if code == EISDIR {
          throw LRLensError(
            .cannotOpenInput, at: location, problem: "this is a directory, not a log file",
            fix: "name the log files inside it")
        }
        throw LRLensError(
          .ioFailure, at: location, problem: "reading failed: \(systemMessage(code))",
          fix: "check the disk or the file system, then try again")
      }
      if count == 0 { return bytes }
      guard bytes.count + count <= limit else {
        let what = isStandardInput ? "standard input holds" : "the file holds"
        throw LRLensError(
          .badData, at: location,
          problem: "\(what) more than the \(limit) bytes lrlens reads",
          fix: "check that this is an LR-finder log; split or downsample it if it really is")
      }
      if bytes.isEmpty { bytes.reserveCapacity(max(count, Int(clamping: status.st_size))) }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// The error for a failed `open`, one message per reason.
  private static func openFailure(_ code: Int32, _ location: InputLocation) -> LRLensError {
    switch code {
    case ENOENT, ENOTDIR:
      LRLensError(
        .cannotOpenInput, at: location, problem: "no such file",
        fix: "check the path, or pass - to read standard input")
    case EACCES, EPERM:
      LRLensError(
        .cannotOpenInput, at: location, problem: "permission denied",
        fix: "check the permissions of the file and of its folders")
    case ELOOP:
      LRLensError(
        .cannotOpenInput, at: location, problem: "too many levels of symbolic links (a link loop)",
        fix: "repair the symbolic link, or name the file it should point to")
    default:
      LRLensError(
        .cannotOpenInput, at: location,
        problem: "the file cannot be opened for reading: \(systemMessage(code))",
        fix: "check the path and its permissions")
    }
  }

  /// The system's text for an `errno` value.
  ///
  /// Wraps `strerror`.
  private static func systemMessage(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}
