import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress bar on stderr for long batches: count, rate and time left.
///
/// It is redrawn at most ten times a second and draws nothing unless stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
  private let total: Int
  private let isEnabled: Bool
  private let started = Date()
  private let lock = NSLock()
  private var lastDraw = Date.distantPast
  private var isShown = false

  /// Creates a bar for `total` inputs.
  ///
  /// - Parameters:
  ///   - total: The number of inputs.
  ///   - quiet: Whether the user asked for no progress (`--quiet`).
  init(total: Int, quiet: Bool) {
    self.total = total
    isEnabled = !quiet && total > 1 && isatty(STDERR_FILENO) == 1
  }

  /// Records that `finished` inputs are done, redrawing when due.
  func update(_ finished: Int) {
    guard isEnabled else { return }
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard finished == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
    lastDraw = now
    let elapsed = max(now.timeIntervalSince(started), 1e-6)
    let rate = Double(finished) / elapsed
    let left = rate > 0 ? Double(total - finished) / rate : 0
    let width = 30
    let filled = total > 0 ? width * finished / total : width
    let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
    let line = "\r[\(bar)] \(finished)/\(total)  \(Int(rate)) files/s  ETA \(Int(left.rounded()))s"
    StandardStreams.writeError(line)
    isShown = true
  }

  /// Erases the bar so that other output can be written on a clean line.
  func clear() {
    guard isEnabled else { return }
    lock.lock()
    defer { lock.unlock() }
    guard isShown else { return }
    StandardStreams.writeError("\r\u{1B}[K")
    isShown = false
  }
}
