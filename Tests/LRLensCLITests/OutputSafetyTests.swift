import Foundation
import LRLensTestSupport
import Testing

/// One command whose output path collides with an input or another output.
struct Collision: CustomTestStringConvertible, Sendable {
  var name: String
  var arguments: [String]
  var message: String
  var testDescription: String { name }

  static let input = "fixtures/runs/fastai_mlp_digits/recorder.csv"
  static let all = [
    Collision(
      name: "suggest --csv input", arguments: ["suggest", input, "--csv", input],
      message: "\(input): error: --csv would overwrite the input '\(input)'"),
    Collision(
      name: "plot -o input", arguments: ["plot", input, "-o", "./\(input)"],
      message: "./\(input): error: -o would overwrite the input '\(input)'"),
    Collision(
      name: "--csv and --plot",
      arguments: ["suggest", input, "--csv", "/tmp/x.svg", "--plot", "/tmp/x.svg"],
      message: "/tmp/x.svg: error: --plot would overwrite the output of --csv"),
    Collision(
      name: "validate --markdown and --json",
      arguments: ["validate", "--markdown", "/tmp/v.out", "--json", "/tmp/v.out"],
      message: "/tmp/v.out: error: --json would overwrite the output of --markdown"),
  ]
}

@Suite struct OutputSafetyTests {
  @Test(arguments: Collision.all)
  func collidingOutputIsRefusedWithExit64(_ collision: Collision) throws {
    let before = try Data(contentsOf: Fixtures.url("runs/fastai_mlp_digits/recorder.csv"))
    let result = runLRLens(collision.arguments)
    #expect(result.status == 64)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix(collision.message), "\(result.standardError)")
    #expect(try Data(contentsOf: Fixtures.url("runs/fastai_mlp_digits/recorder.csv")) == before)
  }

  @Test func replacedFileKeepsItsMode() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("lrlens-\(UUID().uuidString).csv").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8)))
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    let result = runLRLens(["suggest", Collision.input, "--csv", path])
    #expect(result.status == 0)
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
  }
}
