import Foundation
import LRLens
import LRLensTestSupport
import Testing

/// One subcommand and the long options its `--help` lists.
struct SubcommandHelp: CustomTestStringConvertible, Sendable {
  var name: String
  var options: [String]

  var testDescription: String { name }

  /// Every subcommand `lrlens --help` lists (but `help`), with its options.
  static func all() -> [SubcommandHelp] {
    let overview = runLRLens(["--help"]).standardOutput
    let listing = overview.components(separatedBy: "SUBCOMMANDS:").last ?? ""
    let names = listing.split(separator: "\n").compactMap { line -> String? in
      guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
      return line.split(separator: " ").first.map(String.init)
    }
    return names.filter { $0 != "See" }.map { name in
      let help = runLRLens([name, "--help"]).standardOutput
      let words = help.split { $0.isWhitespace || $0 == "," || $0 == "[" || $0 == "]" }
      let options = Set(
        words.filter { $0.hasPrefix("--") && $0.count > 2 }
          .map { String($0.prefix { $0 != "=" && $0 != ")" && $0 != "." }) })
      return SubcommandHelp(
        name: name, options: options.filter { $0 != "--help" && $0 != "--version" }.sorted())
    }
  }
}

/// The README and the man page document every subcommand, each of its options, every rule and
/// every preset; the help texts list what they should.
@Suite struct MetadataTests {
  private func text(_ relativePath: String) throws -> String {
    try String(
      contentsOf: Fixtures.packageRoot.appendingPathComponent(relativePath), encoding: .utf8)
  }

  /// The man page's entry for one subcommand: from its `.It Em NAME` to the next one.
  private func manualSection(_ name: String) throws -> String {
    let page = try text("man/lrlens.1")
    guard let start = page.range(of: "\n.It Em \(name)\n") else { return "" }
    let rest = page[start.upperBound...]
    let end = rest.range(of: "\n.It Em ")?.lowerBound ?? rest.endIndex
    return String(rest[..<end])
  }

  @Test func everySubcommandIsListed() {
    #expect(
      SubcommandHelp.all().map(\.name) == [
        "suggest", "inspect", "plot", "report", "rules", "train", "sweep", "validate",
      ])
  }

  @Test(arguments: SubcommandHelp.all())
  func manualDocumentsEveryOption(_ subcommand: SubcommandHelp) throws {
    let section = try manualSection(subcommand.name)
    #expect(!section.isEmpty, "man/lrlens.1 has no entry for \(subcommand.name)")
    for option in subcommand.options {
      // mdoc writes an option as `Fl -preset`.
      let flag = "-\(option.dropFirst(2))"
      let isDocumented = section.contains("Fl \(flag)") || section.contains(" , \(flag)")
      #expect(isDocumented, "man/lrlens.1 does not document \(subcommand.name) \(option)")
    }
  }

  @Test(arguments: SubcommandHelp.all())
  func readmeNamesEveryOption(_ subcommand: SubcommandHelp) throws {
    let readme = try text("README.md")
    #expect(
      readme.contains("lrlens \(subcommand.name)"), "README.md never shows \(subcommand.name)")
    for option in subcommand.options {
      #expect(readme.contains(option), "README.md does not mention \(subcommand.name) \(option)")
    }
  }

  /// The rule ids and preset names a text does not mention.
  private func unnamedRulesAndPresets(in text: String) -> [String] {
    (SuggesterRegistry.ids + Preset.allCases.map(\.rawValue)).filter { !text.contains($0) }
  }

  @Test(arguments: ["README.md", "man/lrlens.1"])
  func documentationNamesEveryRuleAndPreset(_ file: String) throws {
    let unnamed = unnamedRulesAndPresets(in: try text(file))
    #expect(unnamed.isEmpty, "\(file) does not mention \(unnamed)")
  }

  @Test func suggestHelpNamesEveryRuleAndPreset() {
    let unnamed = unnamedRulesAndPresets(in: runLRLens(["suggest", "--help"]).standardOutput)
    #expect(unnamed.isEmpty, "suggest --help does not mention \(unnamed)")
  }
}
