#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#endif

/// The inside of a ``HelperProcess``: the limits a helper puts on itself before it touches any
/// input, and its side of the framed messages on standard input and output.
///
/// A helper is lrlens's own code until it hands hostile bytes to a C library, so limits it sets
/// on itself first bind whatever the library then does: the kernel enforces them.
package enum HelperSandbox {
  /// Closes every descriptor but the three standard ones, and forbids core dumps and more
  /// than a few open files.
  ///
  /// Wraps `close` (on every number below the open-file limit: Swift cannot call the variadic
  /// `syscall` that `close_range` needs) and `setrlimit`.
  ///
  /// - Parameter openFiles: The most descriptors the process may hold from now on.
  package static func confine(openFiles: Int) {
    var current = rlimit()
    _ = getrlimit(resource(RLIMIT_NOFILE), &current)
    let highest = Int32(clamping: min(current.rlim_cur, 1 << 16))
    for descriptor in Int32(3)..<max(3, highest) { _ = close(descriptor) }
    setLimit(RLIMIT_CORE, soft: 0, hard: 0)
    setLimit(RLIMIT_NOFILE, soft: rlim_t(openFiles), hard: rlim_t(openFiles))
  }

  /// Limits the next piece of work: the address space to what the process already maps plus
  /// `memory` bytes, and the CPU time to what it already used plus `cpuSeconds` (then the
  /// kernel sends `SIGXCPU`, which ends the process).
  ///
  /// Only soft limits move, so that the next request can raise them again.
  ///
  /// Wraps `setrlimit` and `getrusage`.
  ///
  /// - Parameters:
  ///   - memory: The bytes of address space the work may add.
  ///   - cpuSeconds: The seconds of CPU time the work may use.
  package static func limitNextRequest(memory: Int, cpuSeconds: Int) {
    let mapped = mappedBytes()
    setLimit(RLIMIT_AS, soft: rlim_t(mapped + memory), hard: nil)
    var usage = rusage()
    _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    let used = Int(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + 1
    setLimit(RLIMIT_CPU, soft: rlim_t(used + cpuSeconds), hard: nil)
  }

  /// Reads one framed message from standard input.
  ///
  /// Wraps `read`.
  ///
  /// - Parameter maximumSize: The largest message accepted.
  /// - Returns: The message, or `nil` at the end of input or on a broken frame.
  package static func readMessage(maximumSize: Int) -> [UInt8]? {
    guard let header = readExactly(8) else { return nil }
    let length = header.reversed().reduce(0) { $0 << 8 | Int($1) }
    guard length <= maximumSize else { return nil }
    return readExactly(length)
  }

  /// Writes one framed message to standard output.
  ///
  /// Wraps `write`.
  ///
  /// - Parameter message: The message.
  /// - Returns: Whether every byte was written.
  package static func writeMessage(_ message: [UInt8]) -> Bool {
    var length = UInt64(message.count).littleEndian
    let header = withUnsafeBytes(of: &length) { Array($0) }
    return writeAll(header) && writeAll(message)
  }

  private static func readExactly(_ count: Int) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var offset = 0
    while offset < count {
      let received = bytes.withUnsafeMutableBytes { buffer in
        read(0, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if received < 0 && errno == EINTR { continue }
      guard received > 0 else { return nil }
      offset += received
    }
    return bytes
  }

  private static func writeAll(_ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        write(1, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }

  /// The bytes of address space the process maps now (`VmSize`), from `/proc/self/statm`.
  private static func mappedBytes() -> Int {
    let descriptor = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return 1 << 30 }
    defer { _ = close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 128)
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count > 0 else { return 1 << 30 }
    let pages = buffer.prefix(count).prefix { $0 != UInt8(ascii: " ") }.reduce(0) {
      $0 * 10 + Int($1 &- UInt8(ascii: "0"))
    }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// Sets a limit; a `nil` hard limit keeps the current one (and caps the soft one by it).
  private static func setLimit(_ limited: __rlimit_resource, soft: rlim_t, hard: rlim_t?) {
    var limit = rlimit(rlim_cur: soft, rlim_max: hard ?? 0)
    if hard == nil {
      var current = rlimit()
      _ = getrlimit(resource(limited), &current)
      limit.rlim_max = current.rlim_max
      limit.rlim_cur = min(soft, current.rlim_max)
    }
    _ = setrlimit(resource(limited), &limit)
  }

  // Glibc imports the RLIMIT_ constants as enum cases but the functions take an Int32.
  private static func resource(_ limited: __rlimit_resource) -> __rlimit_resource_t {
    __rlimit_resource_t(limited.rawValue)
  }
}
