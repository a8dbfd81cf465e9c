import Foundation
import LRLensTestSupport
import Testing

/// One entry of `fixtures/bad/cases.json`.
struct BadInputCase: Decodable, Sendable, CustomTestStringConvertible {
  let file: String
  let exitCode: Int32
  let message: String
  var testDescription: String { file }

  enum CodingKeys: String, CodingKey {
    case file, message
    case exitCode = "exit_code"
  }

  static func all() throws -> [BadInputCase] {
    struct Cases: Decodable { let cases: [BadInputCase] }
    let data = Data(Fixtures.bytes("bad/cases.json"))
    do {
      return try JSONDecoder().decode(Cases.self, from: data).cases
    } catch {
      throw FixtureError(path: "bad/cases.json", underlying: error)
    }
  }
}

/// Every bad input gives its exit code and a compiler-style message naming the file, with a
/// fix line, an empty stdout, and no crash, from `suggest` and from `inspect`.
@Suite struct BadInputTests {
  @Test func casesAreListed() throws {
    #expect(try BadInputCase.all().count >= 25)
  }

  @Test(arguments: try BadInputCase.all())
  func badInputGivesAClearError(_ bad: BadInputCase) {
    for (command, json) in [("suggest", false), ("suggest", true), ("inspect", false)] {
      let path = "fixtures/bad/\(bad.file)"
      let result = runLRLens([command, path] + (json ? ["--json"] : []))
      #expect(result.status == bad.exitCode, "\(result.standardError)")
      #expect(result.standardOutput.isEmpty)
      let lines = result.standardError.split(separator: "\n")
      #expect(lines.count == 2)
      #expect(lines.first?.hasPrefix(path) == true)
      #expect(lines.first?.contains(bad.message) == true, "\(lines.first ?? "")")
      #expect(lines.last?.hasPrefix("  fix: ") == true)
    }
  }

  @Test func deeplyNestedJSONIsRejectedWithoutACrash() {
    let depth = 100_000
    let bytes =
      [UInt8](repeating: UInt8(ascii: "["), count: depth)
      + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
    let result = runLRLens(["suggest", "-"], standardInput: bytes)
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix("-"))
    #expect(result.standardOutput.isEmpty)
  }

  @Test func garbageBytesAreRejectedWithoutACrash() {
    var generator = SplitMix64(seed: 7)
    for _ in 0..<20 {
      let bytes = (0..<500).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let result = runLRLens(["suggest", "-"], standardInput: bytes)
      #expect(result.status == 65, "\(result.standardError)")
      #expect(result.standardOutput.isEmpty)
    }
  }
}
