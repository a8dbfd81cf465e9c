import Foundation
import LRLens
import LRLensTestSupport
import Testing

/// A glob pattern, a path and whether it must match.
struct GlobCase: CustomTestStringConvertible, Sendable {
  var pattern: String
  var path: String
  var matches: Bool

  var testDescription: String { "\(pattern) \(matches ? "matches" : "misses") \(path)" }
}

@Suite struct GlobPatternTests {
  static let cases = [
    GlobCase(pattern: "runs/*.csv", path: "runs/a.csv", matches: true),
    GlobCase(pattern: "runs/*.csv", path: "runs/x/a.csv", matches: false),
    GlobCase(pattern: "runs/**/*.csv", path: "runs/a.csv", matches: true),
    GlobCase(pattern: "runs/**/*.csv", path: "runs/x/y/a.csv", matches: true),
    GlobCase(pattern: "runs/**", path: "runs/x/y/a.csv", matches: true),
    GlobCase(pattern: "runs/**/*.csv", path: "runs/.hidden/a.csv", matches: false),
    GlobCase(pattern: "*.{csv,json}", path: "a.json", matches: true),
    GlobCase(pattern: "*.{csv,json}", path: "a.h5", matches: false),
    GlobCase(pattern: "{oracle,index,expected}.json", path: "index.json", matches: true),
    GlobCase(pattern: "run[0-9].csv", path: "run7.csv", matches: true),
    GlobCase(pattern: "run[!0-9].csv", path: "run7.csv", matches: false),
    GlobCase(pattern: "a?.csv", path: "ab.csv", matches: true),
    GlobCase(pattern: "a?.csv", path: "a/.csv", matches: false),
    GlobCase(pattern: "a+b (1).csv", path: "a+b (1).csv", matches: true),
  ]

  @Test(arguments: cases)
  func matchesLikeAShell(_ example: GlobCase) {
    #expect(GlobPattern(example.pattern).matches(example.path) == example.matches)
  }

  @Test func expandsDoubleStarAndBraces() throws {
    let folder = TemporaryFiles.path("glob")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for name in ["a.csv", "x/b.csv", "x/y/c.json", "x/y/d.h5", ".h/e.csv"] {
      let path = "\(folder)/\(name)"
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try Data("lr,loss\n".utf8).write(to: URL(fileURLWithPath: path))
    }
    let inputs = InputExpander.expandInputs(["\(folder)/**/*.{csv,json}"], recursive: false)
    #expect(inputs.map(\.path) == ["a.csv", "x/b.csv", "x/y/c.json"].map { "\(folder)/\($0)" })
    #expect(inputs.allSatisfy { $0.isFound })
    let excluded = InputExpander.expandInputs(
      [folder, "\(folder)/a.csv"], recursive: true, excluding: ["**/y/**", "b.csv"])
    #expect(
      excluded == [
        InputExpander.Input(path: "\(folder)/a.csv", isFound: true),
        InputExpander.Input(path: "\(folder)/a.csv", isFound: false),
      ])
  }
}
