import Foundation
import LRLensTestSupport
import Testing

/// A command line that must be refused with exit 64 and a message.
struct UsageCase: CustomTestStringConvertible, Sendable {
  var arguments: [String]
  var message: String

  var testDescription: String { arguments.joined(separator: " ") }
}

@Suite struct CommandLineTests {
  static let refusals = [
    UsageCase(
      arguments: ["sugest", "x.csv"],
      message: """
        lrlens: error: unknown command 'sugest', and no file of that name
          fix: did you mean 'lrlens suggest'? (lrlens --help lists the commands)

        """),
    UsageCase(arguments: ["plto", "x.csv"], message: "did you mean 'lrlens plot'?"),
    UsageCase(
      arguments: ["suggest", "x.csv", "--skip-start", "-3"],
      message: "Error: --skip-start cannot be negative, got -3"),
    UsageCase(
      arguments: ["suggest", "x.csv", "--skip-end", "-1"],
      message: "Error: --skip-end cannot be negative, got -1"),
    UsageCase(
      arguments: ["train", "--task", "nosuch", "-o", "x.csv"],
      message: """
        Error: no task named 'nosuch'; the tasks are:
          blobs-mlp: 
        """),
    UsageCase(
      arguments: ["suggest", "x.csv", "--rules", "valley,recommend"],
      message: "Error: 'recommend' is lrlens's own answer and is always shown first;"),
  ]

  @Test(arguments: refusals)
  func refusesWithAClearMessage(_ example: UsageCase) {
    let result = runLRLens(example.arguments)
    #expect(result.status == 64)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.contains(example.message), "\(result.standardError)")
    #expect(!result.standardError.contains("Missing value"))
  }

  @Test func aFileNamedLikeATypoIsStillRead() throws {
    let folder = TemporaryFiles.path("typo")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.copyItem(
      atPath: Fixtures.url("runs/fastai_mlp_digits/recorder.csv").path,
      toPath: "\(folder)/sugest")
    let process = Process()
    process.executableURL = lrlensBinary
    process.arguments = ["sugest", "--only-lr"]
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = Pipe()
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(
      Double(
        String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
          .trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
  }

  @Test func trainSaysWhenFastaiRaisesNumIt() {
    let path = TemporaryFiles.path("six.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = runLRLens(["train", "--task", "moons-mlp", "--num-it", "1", "-o", path])
    #expect(result.status == 0)
    #expect(
      result.standardError
        == "note: fastai's finder raises num_it 1 to 6, so the log has 6 points\n")
  }

  @Test func fastaiPresetSaysWhatNumItItAssumed() throws {
    let path = TemporaryFiles.path("long.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let rows = (0..<180).map { index in
      "\(1e-7 * pow(10, 8 * Double(index) / 180)),\(2 + sin(Double(index) / 30))"
    }
    try Data((["lr,loss"] + rows).joined(separator: "\n").utf8)
      .write(to: URL(fileURLWithPath: path))
    let result = runLRLens(["suggest", path, "--preset", "fastai"])
    #expect(
      result.standardOutput.contains(
        "note: preset fastai: assumed num_it 100, skipping its num_it // 10 = 10 points at the "
          + "start, but the curve has 180 points and fastai records at most num_it; pass the "
          + "run's --num-it"))
    let matching = runLRLens(["suggest", path, "--preset", "fastai", "--num-it", "180"])
    #expect(!matching.standardOutput.contains("assumed num_it"))
  }

  @Test func anUnknownSourceIsNotALookalike() throws {
    let path = TemporaryFiles.path("plain.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let rows = [(1e-4, 2.3), (2.5e-4, 2.2), (7e-4, 2.0), (1.1e-3, 1.9), (5e-3, 2.4)]
      .map { "\($0),\($1)" }
    try Data((["x_lr,loss"] + rows).joined(separator: "\n").utf8)
      .write(to: URL(fileURLWithPath: path))
    let result = runLRLens(["suggest", path])
    #expect(!result.standardOutput.contains("looks like unknown"), "\(result.standardOutput)")
  }

  @Test func rulesDescribesTheRecommendationAndHasJSON() throws {
    let text = runLRLens(["rules"])
    #expect(text.standardOutput.hasPrefix("Recommendation:\n  recommend: lrlens's recommendation"))
    let json = runLRLens(["rules", "--json"])
    #expect(json.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8))
    let listing = object as? [String: Any]
    #expect((listing?["recommendation"] as? [String: Any])?["id"] as? String == "recommend")
    #expect((listing?["rules"] as? [[String: Any]])?.count == 10)
    #expect((listing?["presets"] as? [[String: Any]])?.isEmpty == false)
  }

  @Test func readmeDocumentsShellCompletions() throws {
    let readme = try String(contentsOf: Fixtures.url("../README.md"), encoding: .utf8)
    #expect(readme.contains("lrlens --generate-completion-script bash"))
    let script = runLRLens(["--generate-completion-script", "bash"])
    #expect(script.status == 0 && script.standardOutput.contains("lrlens"))
  }
}
