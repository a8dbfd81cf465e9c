#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#endif

/// A child process that answers framed requests on one socket, for work that must not be able
/// to take the calling process down (parsing hostile files with a C library).
///
/// The child runs `executable` with `arguments`, an environment of only
/// `SWIFT_BACKTRACE=enable=no` (a crash is reported by its signal, at once), the default
/// disposition of every signal it could inherit as ignored (`SIGPIPE`), and three descriptors:
/// standard input and output are both one end of a socket pair, standard error a pipe whose
/// last bytes explain a crash. Every other descriptor of this process is close-on-exec or not
/// inherited; the child must still close what it did not expect, and set its own limits.
///
/// A message is its length as 8 bytes, little-endian, then its bytes. ``exchange(_:timeout:)``
/// sends one request and waits for one answer; when the child dies, is killed after the
/// timeout or breaks the framing, the exchange returns what happened and the process is done:
/// the caller starts a new one for the next request.
package final class HelperProcess {
  /// What ended a child that did not answer.
  package enum Failure: Error, Sendable, Equatable {
    /// It exited on its own with this status.
    case exited(Int32)
    /// A signal killed it (a crash, or a resource limit: `SIGXCPU`, `SIGKILL`).
    case signalled(Int32)
    /// It did not answer in time and was killed.
    case timedOut
    /// It could not be started; the text says why.
    case notStarted(String)
  }

  /// The largest answer accepted: as large as the largest input.
  package static let maximumMessageSize = 1 << 31

  private let processID: pid_t
  private let channel: Int32
  private let errorOutput: Int32
  private var isRunning = true
  /// The last bytes the child wrote to its standard error.
  package private(set) var errorText: [UInt8] = []

  /// Starts a helper.
  ///
  /// Wraps `socketpair`, `pipe` and `posix_spawn`.
  ///
  /// - Parameters:
  ///   - executable: The absolute path of the program.
  ///   - arguments: Its arguments, after the program name.
  /// - Throws: ``Failure/notStarted(_:)`` with the system's reason.
  package init(executable: String, arguments: [String]) throws(Failure) {
    var pair: [Int32] = [-1, -1]
    let socketType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    guard socketpair(AF_UNIX, socketType, 0, &pair) == 0 else {
      throw .notStarted("cannot create a socket pair: \(Self.systemMessage(errno))")
    }
    var errorPipe: [Int32] = [-1, -1]
    // Close-on-exec is set at once (there is no `pipe2` in Glibc's module); helpers are
    // started one at a time, so no other spawn can inherit the pipe in between.
    guard pipe(&errorPipe) == 0,
      fcntl(errorPipe[0], F_SETFD, FD_CLOEXEC) == 0,
      fcntl(errorPipe[1], F_SETFD, FD_CLOEXEC) == 0
    else {
      let reason = Self.systemMessage(errno)
      _ = close(pair[0])
      _ = close(pair[1])
      throw .notStarted("cannot create a pipe: \(reason)")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
    posix_spawn_file_actions_adddup2(&actions, pair[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var defaults = sigset_t()
    sigemptyset(&defaults)
    sigaddset(&defaults, SIGPIPE)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    var mask = sigset_t()
    sigemptyset(&mask)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let environment = [strdup("SWIFT_BACKTRACE=enable=no"), nil]
    defer {
      for pointer in argv + environment { free(pointer) }
    }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, &attributes, argv, environment)
    _ = close(pair[1])
    _ = close(errorPipe[1])
    guard status == 0 else {
      _ = close(pair[0])
      _ = close(errorPipe[0])
      throw .notStarted("cannot start '\(executable)': \(Self.systemMessage(status))")
    }
    _ = fcntl(errorPipe[0], F_SETFL, fcntl(errorPipe[0], F_GETFL) | O_NONBLOCK)
    processID = child
    channel = pair[0]
    errorOutput = errorPipe[0]
  }

  deinit {
    if isRunning { _ = finish(killing: true) }
    _ = close(channel)
    _ = close(errorOutput)
  }

  /// Sends one request and waits for its answer.
  ///
  /// - Parameters:
  ///   - request: The request's bytes.
  ///   - timeout: How long the child may take, from the start of sending to the end of the
  ///     answer.
  /// - Returns: The answer's bytes, or what ended the child; after a failure the process is
  ///   gone and every later exchange fails at once.
  package func exchange(_ request: [UInt8], timeout: Duration) -> Result<[UInt8], Failure> {
    guard isRunning else { return .failure(.exited(-1)) }
    let deadline = ContinuousClock.now + timeout
    var length = UInt64(request.count).littleEndian
    let header = withUnsafeBytes(of: &length) { Array($0) }
    guard send(header, deadline: deadline), send(request, deadline: deadline),
      let answerHeader = receive(count: 8, deadline: deadline)
    else { return .failure(finish(killing: true)) }
    let answerLength = answerHeader.reversed().reduce(0) { $0 << 8 | Int($1) }
    guard answerLength <= Self.maximumMessageSize,
      let answer = receive(count: answerLength, deadline: deadline)
    else { return .failure(finish(killing: true)) }
    drainErrorOutput()
    return .success(answer)
  }

  /// Whether the deadline passed while the last exchange waited.
  private var hasTimedOut = false

  /// Writes all bytes before the deadline; `false` when the child is gone or too slow.
  ///
  /// Wraps `send` with `MSG_NOSIGNAL`, so a dead child is an error, not a `SIGPIPE`.
  private func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) -> Bool {
    var offset = 0
    while offset < bytes.count {
      guard wait(for: Int16(POLLOUT), deadline: deadline) else { return false }
      let sent = bytes.withUnsafeBytes { buffer in
        Glibc.send(
          channel, buffer.baseAddress.map { $0 + offset }, buffer.count - offset,
          Int32(MSG_NOSIGNAL))
      }
      if sent < 0 && (errno == EINTR || errno == EAGAIN) { continue }
      guard sent > 0 else { return false }
      offset += sent
    }
    return true
  }

  /// Reads exactly `count` bytes before the deadline; `nil` when the child is gone or too slow.
  ///
  /// Wraps `read`.
  private func receive(count: Int, deadline: ContinuousClock.Instant) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: count)
    var offset = 0
    while offset < count {
      guard wait(for: Int16(POLLIN), deadline: deadline) else { return nil }
      let received = bytes.withUnsafeMutableBytes { buffer in
        read(channel, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if received < 0 && (errno == EINTR || errno == EAGAIN) { continue }
      guard received > 0 else { return nil }
      offset += received
    }
    return bytes
  }

  /// Waits until the socket is ready or the deadline passes, draining standard error meanwhile
  /// so that a talkative child cannot block on it.
  ///
  /// Wraps `poll`.
  private func wait(for events: Int16, deadline: ContinuousClock.Instant) -> Bool {
    while true {
      let left = deadline - ContinuousClock.now
      guard left > .zero else {
        hasTimedOut = true
        return false
      }
      let milliseconds = Int32(clamping: left.components.seconds * 1000 + 1)
      var descriptors = [
        pollfd(fd: channel, events: events, revents: 0),
        pollfd(fd: errorOutput, events: Int16(POLLIN), revents: 0),
      ]
      let ready = poll(&descriptors, 2, min(milliseconds, 1000))
      if ready < 0 && errno != EINTR { return false }
      if descriptors[1].revents != 0 { drainErrorOutput() }
      // A hang-up without data still means "read to see the end of file".
      if descriptors[0].revents != 0 { return true }
    }
  }

  /// Keeps the last 4 KiB the child wrote to standard error.
  ///
  /// Wraps `read` on the non-blocking pipe.
  private func drainErrorOutput() {
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(errorOutput, $0.baseAddress, $0.count) }
      guard count > 0 else { return }
      errorText = Array((errorText + buffer.prefix(count)).suffix(4096))
    }
  }

  /// Ends the child (killing it first when asked) and says how it ended.
  ///
  /// Wraps `kill` and `waitpid`.
  private func finish(killing: Bool) -> Failure {
    isRunning = false
    // Give a child that is already dying a moment to be reaped with its own signal.
    var status: Int32 = 0
    var reaped = waitpid(processID, &status, WNOHANG)
    if reaped == 0 && !hasTimedOut {
      for _ in 0..<50 where reaped == 0 {
        usleep(2000)
        reaped = waitpid(processID, &status, WNOHANG)
      }
    }
    if reaped == 0 {
      if killing { _ = kill(processID, SIGKILL) }
      while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
    }
    drainErrorOutput()
    if hasTimedOut { return .timedOut }
    let signal = status & 0x7F
    if signal == 0 { return .exited((status >> 8) & 0xFF) }
    return .signalled(signal)
  }

  /// The system's text for an `errno` value.
  ///
  /// Wraps `strerror`.
  private static func systemMessage(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}

/// The conventional name of a signal, such as `SIGSEGV`.
///
/// - Parameter signal: The signal number.
/// - Returns: Its name, or `signal N` for one without a well-known name.
package func signalName(_ signal: Int32) -> String {
  let names: [Int32: String] = [
    SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGILL: "SIGILL", SIGKILL: "SIGKILL",
    SIGSEGV: "SIGSEGV", SIGSYS: "SIGSYS", SIGTRAP: "SIGTRAP", SIGXCPU: "SIGXCPU",
    SIGXFSZ: "SIGXFSZ", SIGTERM: "SIGTERM", SIGPIPE: "SIGPIPE",
  ]
  return names[signal] ?? "signal \(signal)"
}

/// `SIGXCPU`, the signal the kernel sends at the soft CPU-time limit.
package let cpuTimeLimitSignal = SIGXCPU
