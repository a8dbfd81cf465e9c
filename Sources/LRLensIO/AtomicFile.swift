package import LRLensCore

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Writes a whole file so that no reader ever sees it half written, through POSIX calls.
///
/// The bytes go to a new temporary file in the destination's folder (`.NAME.lrlens-RANDOM.tmp`,
/// created exclusively, so a leftover of a killed run is plainly lrlens's), which takes the
/// mode of the file it replaces, is flushed to disk, closed and then renamed over the
/// destination: `rename(2)` replaces an existing file in one step, so readers see either the
/// old file or the whole new one. On any failure the temporary file is removed and an existing
/// destination is left as it was. The folder must exist: it is never created.
package enum AtomicFile {
  /// How many temporary names are tried before giving up (each is random, so a clash means
  /// another writer, or a full folder).
  private static let attempts = 8

  /// Writes `bytes` to `path`, replacing any file there.
  ///
  /// - Parameters:
  ///   - bytes: The whole content.
  ///   - path: The destination.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` when the temporary file cannot be
  ///   created or cannot be renamed over `path` (a missing or read-only folder, a folder at
  ///   `path`), and of kind `.ioFailure` when writing, flushing or closing it fails part-way
  ///   (a full disk); each names the path and the system's reason.
  package static func write(_ bytes: [UInt8], to path: String) throws(LRLensError) {
    let (folder, name) = split(path)
    guard !name.isEmpty, name != ".", name != ".." else {
      throw LRLensError(
        .cannotCreateOutput, at: InputLocation(path: path),
        problem: "expected a file name, found a folder path",
        fix: "add a file name to the output path")
    }
    let (temporary, descriptor) = try createTemporary(in: folder, for: name, destination: path)
    var isOpen = true
    do throws(LRLensError) {
      var existing = stat()
      if stat(path, &existing) == 0 && existing.st_mode & S_IFMT == S_IFREG {
        try check(
          fchmod(descriptor, existing.st_mode & 0o7777), .cannotCreateOutput, path,
          "cannot keep the mode of the file it replaces")
      }
      try writeAll(bytes, to: descriptor, destination: path)
      try check(fsync(descriptor), .ioFailure, path, "cannot flush the file to disk")
      // A failed close still releases the descriptor: it must not be closed twice.
      isOpen = false
      try check(close(descriptor), .ioFailure, path, "cannot close the file")
    } catch {
      if isOpen { _ = close(descriptor) }
      _ = unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let reason = systemMessage(errno)
      _ = unlink(temporary)
      throw LRLensError(
        .cannotCreateOutput, at: InputLocation(path: path),
        problem: "cannot replace the file: \(reason)",
        fix: "remove what is at that path, or choose another output path")
    }
  }

  /// The folder (`.` when the path has none) and the file name of a path.
  private static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let folder = path[..<slash]
    return (folder.isEmpty ? "/" : String(folder), String(path[path.index(after: slash)...]))
  }

  /// Creates a new, empty temporary file beside the destination.
  ///
  /// Wraps `open` with `O_CREAT | O_EXCL`, so an existing file is never reused; the mode
  /// 0666 is narrowed by the process's umask, as for any new file.
  private static func createTemporary(in folder: String, for name: String, destination: String)
    throws(LRLensError) -> (path: String, descriptor: Int32)
  {
    var generator = SystemRandomNumberGenerator()
    var lastError: Int32 = 0
    for _ in 0..<attempts {
      let suffix = String(generator.next() as UInt64, radix: 16)
      let temporary = "\(folder)/.\(name).lrlens-\(suffix).tmp"
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if descriptor >= 0 { return (temporary, descriptor) }
      lastError = errno
      if lastError != EEXIST { break }
    }
    let fix =
      lastError == ENOENT || lastError == ENOTDIR
      ? "create the folder '\(folder)' first, or choose another output path"
      : "check that the folder '\(folder)' is writable, or choose another output path"
    throw LRLensError(
      .cannotCreateOutput, at: InputLocation(path: destination),
      problem: "cannot create a file in '\(folder)': \(systemMessage(lastError))", fix: fix)
  }

  /// Writes every byte, resuming after short writes and interrupted calls.
  ///
  /// Wraps `write`.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, destination: String)
    throws(LRLensError)
  {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        posixWrite(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 && errno == EINTR { continue }
      try check(Int32(clamping: written), .ioFailure, destination, "cannot write the file")
      offset += written
    }
  }

  /// Throws unless a POSIX call returned a non-negative result.
  private static func check(
    _ result: Int32, _ kind: LRLensError.Kind, _ path: String, _ problem: String
  ) throws(LRLensError) {
    guard result < 0 else { return }
    throw LRLensError(
      kind, at: InputLocation(path: path), problem: "\(problem): \(systemMessage(errno))",
      fix: "check the free space and permissions of the output folder")
  }

  /// The system's text for an `errno` value, such as `No such file or directory`.
  ///
  /// Wraps `strerror`.
  private static func systemMessage(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}

/// `write(2)`, named apart from ``AtomicFile/write(_:to:)``.
///
/// Wraps `write`.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
