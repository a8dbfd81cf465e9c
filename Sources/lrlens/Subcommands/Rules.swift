import ArgumentParser
import Foundation
import LRLens

/// `lrlens rules`: list lrlens's recommendation, the suggestion rules and the presets with
/// their sources.
struct Rules: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List lrlens's recommendation, the suggestion rules and presets, with their sources.")

  @Flag(help: "Print one JSON object (recommend, rules, presets) instead of text.")
  var json = false

  /// What `recommend`, lrlens's own answer, is: the README's section in one paragraph.
  static let recommendation = RuleListing(
    id: "recommend", name: "lrlens's recommendation", origin: "lrlens",
    summary: """
      lrlens's own answer, always shown first (not a --rules choice): it measures the noise, \
      smooths with a window chosen from it, differentiates against log10(lr), locates the \
      descent (start, steepest point, bottom, divergence) and reads the learning rate off \
      those landmarks with a model fitted to real frameworks' range tests, for the --schedule \
      you will train with; it gives a range, a confidence and a level, the rules that agree \
      within 0.5 decades, and refuses (level low) when no descent can be located.
      """,
    source: "README.md, section 'The recommendation (recommend)'")

  func run() throws {
    let rules = SuggesterRegistry.all.map { suggester in
      let rule = suggester.description
      return RuleListing(
        id: rule.id, name: rule.name, origin: rule.origin, summary: rule.summary,
        source: rule.source)
    }
    let presets = Preset.allCases.map { PresetListing(id: $0.rawValue, summary: $0.summary) }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let listing = Listing(recommendation: Self.recommendation, rules: rules, presets: presets)
      guard let data = try? encoder.encode(listing) else { throw ExitCode(70) }
      StandardStreams.writeOutput(String(decoding: data, as: UTF8.self) + "\n")
      return
    }
    var text = "Recommendation:\n"
    text += Self.recommendation.text
    text += "Rules:\n"
    for rule in rules { text += rule.text }
    text += "Presets:\n"
    for preset in presets {
      text += "  \(preset.id): \(preset.summary)\n"
    }
    StandardStreams.writeOutput(text)
  }
}

/// The `rules` listing: the recommendation, every rule and every preset.
private struct Listing: Encodable {
  var recommendation: RuleListing
  var rules: [RuleListing]
  var presets: [PresetListing]
}

/// One rule, or the recommendation, as `rules` lists it.
struct RuleListing: Encodable {
  var id: String
  var name: String
  var origin: String
  var summary: String
  var source: String

  /// Its lines in the text listing.
  var text: String {
    "  \(id): \(name), from \(origin)\n    \(summary)\n    source: \(source)\n"
  }
}

/// One preset as `rules` lists it.
private struct PresetListing: Encodable {
  var id: String
  var summary: String
}
