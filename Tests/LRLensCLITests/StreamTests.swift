import Foundation
import LRLensTestSupport
import Testing

/// One way of running lrlens with a broken standard stream, through `/bin/sh`.
struct BrokenStream: CustomTestStringConvertible, Sendable {
  var name: String
  var command: String
  var status: Int32
  var message: String
  var testDescription: String { name }

  static let recorder = "fixtures/runs/fastai_mlp_digits/recorder.csv"
  static let all = [
    BrokenStream(
      name: "closed stdin", command: "suggest - <&-", status: 66,
      message: "-: error: standard input is closed"),
    BrokenStream(
      name: "closed stdout", command: "suggest \(recorder) >&-", status: 74,
      message: "<stdout>: error: standard output is closed"),
    BrokenStream(
      name: "full stdout", command: "rules >/dev/full", status: 74,
      message: "<stdout>: error: cannot write the results: No space left on device"),
    BrokenStream(
      name: "closed stderr", command: "suggest missing.csv 2>&-", status: 66, message: ""),
    BrokenStream(
      name: "directory as a file", command: "suggest - < fixtures", status: 66,
      message: "-: error: this is a directory, not a log file"),
    BrokenStream(
      name: "device", command: "suggest /dev/zero", status: 65,
      message: "/dev/zero: error: the file holds more than the 1073741824 bytes lrlens reads"),
    BrokenStream(
      name: "FIFO", command: "suggest <(cat \(recorder)) >/dev/null", status: 0, message: ""),
  ]
}

@Suite struct StreamTests {
  @Test(arguments: BrokenStream.all)
  func brokenStreamIsAnExitCodeNotATrap(_ stream: BrokenStream) throws {
    let result = try runShell("'\(lrlensBinary.path)' \(stream.command)")
    #expect(result.status == stream.status, "\(result.standardError)")
    #expect(result.standardError.hasPrefix(stream.message), "\(result.standardError)")
  }

  @Test func readerThatGoesAwayEndsTheBatchQuietly() throws {
    // As Python's subprocess leaves it: SIGPIPE ignored, so writes fail with EPIPE.
    let result = try runShell(
      "trap '' PIPE; '\(lrlensBinary.path)' suggest fixtures/runs --recursive --quiet "
        + "2>/dev/null | head -c1 >/dev/null; echo \"${PIPESTATUS[0]}\"")
    #expect(
      ["0", "65", "141"].contains(
        result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  private func runShell(_ script: String) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = Fixtures.packageRoot
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus,
      standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self))
  }
}
