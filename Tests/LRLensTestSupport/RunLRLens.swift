import Foundation
import Testing

/// What a run of the `lrlens` binary produced.
public struct CommandResult: Sendable {
  /// The exit status.
  public var status: Int32
  /// Everything written to standard output.
  public var standardOutput: String
  /// Everything written to standard error.
  public var standardError: String

  /// Creates a result.
  public init(status: Int32, standardOutput: String, standardError: String) {
    self.status = status
    self.standardOutput = standardOutput
    self.standardError = standardError
  }
}

/// The built `lrlens` binary, next to the test bundle in the build folder.
public var lrlensBinary: URL {
  var folder = Bundle.main.bundleURL
  // The test runner lives in the build folder (e.g. .build/debug); so does lrlens.
  while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("lrlens").path),
    folder.pathComponents.count > 1
  {
    folder.deleteLastPathComponent()
  }
  return folder.appendingPathComponent("lrlens")
}

/// Runs the built `lrlens` with arguments and optional standard input, keeping stdout and
/// stderr apart.
///
/// - Parameters:
///   - arguments: The command-line arguments.
///   - standardInput: Bytes to send on standard input, if any.
///   - sourceLocation: The caller's location, for a failure to launch.
/// - Returns: The status and both outputs.
public func runLRLens(
  _ arguments: [String], standardInput: [UInt8]? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) -> CommandResult {
  let process = Process()
  process.executableURL = lrlensBinary
  process.arguments = arguments
  process.currentDirectoryURL = Fixtures.packageRoot
  let output = Pipe()
  let error = Pipe()
  let input = Pipe()
  process.standardOutput = output
  process.standardError = error
  process.standardInput = input
  do {
    try process.run()
  } catch {
    Issue.record("cannot launch \(lrlensBinary.path): \(error)", sourceLocation: sourceLocation)
    return CommandResult(status: -1, standardOutput: "", standardError: "")
  }
  if let standardInput { input.fileHandleForWriting.write(Data(standardInput)) }
  try? input.fileHandleForWriting.close()
  // Read both pipes to the end before waiting, so a large output cannot block the child.
  let group = DispatchGroup()
  nonisolated(unsafe) var errorData = Data()
  group.enter()
  DispatchQueue.global().async {
    errorData = error.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  let outputData = output.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return CommandResult(
    status: process.terminationStatus,
    standardOutput: String(decoding: outputData, as: UTF8.self),
    standardError: String(decoding: errorData, as: UTF8.self))
}
