import Foundation
import LRLensTestSupport
import Testing

@testable import LRLensAnalysis

/// The test vectors docs/RULES.md lists for each framework's rule.
@Suite struct RuleTestVectorTests {
  @Test func fastaiRulesOnTheReferenceCurve() {
    let curve = RulesReferenceCurve.prepared
    let steep = SteepSuggester().suggest(on: curve).value
    #expect(steep?.index == 10 + 39)
    expectClose(steep?.learningRate, 8.3176377e-4, relativeTolerance: 1e-7, "steep")
    let minimum = MinimumSuggester().suggest(on: curve).value
    #expect(minimum?.index == 10 + 65)
    expectClose(minimum?.learningRate, 1.0e-2, relativeTolerance: 1e-7, "minimum")
    #expect(minimum?.loss == RulesReferenceCurve.losses[75], "marker at the minimum itself")
    let slide = SlideSuggester().suggest(on: curve).value
    expectClose(slide?.learningRate, 1.5848932e-6, relativeTolerance: 1e-7, "slide")
  }

  @Test func lightningFindsPiOnASine() {
    let rates = (0..<1000).map { 2 * Double.pi * Double($0) / 999 }
    let losses = rates.map { sin($0) }
    let trimming = Trimming(skipStart: 2, skipEnd: 2, endSemantics: .pythonSlice)
    let curve = PreparedCurve(
      learningRates: rates, losses: losses, window: trimming.window(over: losses))
    let suggestion = LightningSuggester().suggest(on: curve).value
    #expect(abs((suggestion?.learningRate ?? 0) - Double.pi) < 1e-2)
  }

  /// Lightning's "not enough finite points" table: (skip_begin, skip_end, losses, fails).
  @Test(arguments: [
    (0, 0, [Double](), true), (10, 1, [], true), (0, 2, [0, 1, 2], true),
    (0, 1, [0, 1, 2], false), (1, 1, [0, 1, 2], true), (1, 1, [0, 1, 2, 3], false),
    (0, 1, [.nan, .nan, 0, .infinity, 1, 2, 3, .infinity, 2, .nan, 1], false),
    (4, 1, [.nan, .nan, 0, .infinity, 1, 2, 3, .infinity, 2, .nan, 1], false),
  ])
  func lightningNotEnoughPoints(skipStart: Int, skipEnd: Int, losses: [Double], fails: Bool) {
    let trimming = Trimming(
      skipStart: skipStart, skipEnd: skipEnd, endSemantics: .pythonSlice, nonFinite: .dropNonFinite)
    let curve = PreparedCurve(
      learningRates: losses.indices.map { Double($0 + 1) }, losses: losses,
      window: trimming.window(over: losses))
    let suggestion = LightningSuggester().suggest(on: curve)
    #expect((suggestion.value == nil) == fails)
  }

  @Test func lightningIgnoresANaNInTheSkippedEnd() {
    var losses = RulesReferenceCurve.losses
    let trimming = Preset.lightning.trimming(numIterations: 100)
    let rates = RulesReferenceCurve.learningRates
    let before = LightningSuggester().suggest(
      on: PreparedCurve(learningRates: rates, losses: losses, window: trimming.window(over: losses))
    )
    losses[losses.count - 1] = .nan
    let after = LightningSuggester().suggest(
      on: PreparedCurve(learningRates: rates, losses: losses, window: trimming.window(over: losses))
    )
    #expect(before.value?.index == after.value?.index)
  }

  @Test func igniteParabolaPicksItsLeftEdge() {
    let example = IgniteSuggester.description.examples[0]
    let suggestion = IgniteSuggester().suggest(on: example.curve).value
    // linspace(0.01, 10, 100)[1] = 0.1109090909090909 (docs/RULES.md rounds it to 0.110909089).
    expectClose(suggestion?.learningRate, 0.1109090909090909, relativeTolerance: 1e-12, "ignite")
  }

  @Test func smaDerivativePlaceholderZerosCanWin() {
    // sma 3 with a start skip of 1: rows 1 and 2 are placeholder zeros; every true derivative
    // is positive, so the first placeholder wins, as in keras_lr_finder.
    let losses: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    let curve = PreparedCurve(
      learningRates: losses.indices.map { Double($0 + 1) }, losses: losses, window: Array(1..<7))
    #expect(SMADerivativeSuggester(period: 3).suggest(on: curve).value?.index == 1)
  }

  @Test func minimaListsSpacedCandidates() {
    // Two troughs, the second deeper, each followed by a rise of more than 5 %.
    let losses: [Double] = [
      3, 2.6, 2.2, 1.8, 1.7, 1.75, 1.9, 2.0, 2.1, 1.8, 1.5, 1.3, 1.2, 1.25, 1.5, 2.0, 2.6, 3.3,
    ]
    let rates = losses.indices.map { 1e-4 * pow(1.5, Double($0)) }
    let curve = PreparedCurve(learningRates: rates, losses: losses, window: Array(losses.indices))
    let suggestion = MinimaSuggester(window: 3).suggest(on: curve).value
    #expect(suggestion?.index == 12)
    #expect(suggestion?.candidates == [rates[4], rates[12]])
  }

  @Test func minimaRefusesNonPositiveLosses() {
    let example = MinimaSuggester.description.examples[0]
    let shifted = example.losses.map { $0 - 2 }
    let curve = PreparedCurve(
      learningRates: shifted.indices.map { Double($0 + 1) }, losses: shifted,
      window: Array(shifted.indices))
    guard case .unavailable(let reason) = MinimaSuggester().suggest(on: curve) else {
      Issue.record("expected unavailable")
      return
    }
    #expect(reason.contains("need losses above 0"))
  }

  @Test func slideRuleFailsLikeTheOriginalWhenTheFirstWindowAgrees() {
    let losses = [Double](repeating: 1, count: 40)
    let curve = PreparedCurve(
      learningRates: losses.indices.map { Double($0 + 1) }, losses: losses, window: [])
    guard case .unavailable(let reason) = SlideRuleSuggester().suggest(on: curve) else {
      Issue.record("expected unavailable")
      return
    }
    #expect(reason.contains("local_min_lr"))
  }
}
