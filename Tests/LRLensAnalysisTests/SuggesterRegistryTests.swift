import Foundation
import LRLensTestSupport
import Testing

@testable import LRLensAnalysis

/// One registered rule, for parameterized tests.
struct RegisteredRule: CustomTestStringConvertible, Sendable {
  let id: String
  var testDescription: String { id }

  static let all = SuggesterRegistry.ids.map(RegisteredRule.init)

  var suggester: any Suggester {
    // Every registered id makes a suggester; a nil here would fall back to valley, so
    // everyRuleIsRegisteredOnceInAlphabeticalOrder checks that every id makes one.
    SuggesterRegistry.makeSuggester(id: id, parameters: RuleParameters()) ?? ValleySuggester()
  }
}

/// One worked example of one rule.
struct RuleExample: CustomTestStringConvertible, Sendable {
  let id: String
  let example: SuggesterExample
  var testDescription: String { "\(id): \(example.origin)" }

  static let all = SuggesterRegistry.all.flatMap { rule in
    rule.description.examples.map { RuleExample(id: rule.description.id, example: $0) }
  }
}

/// A degenerate curve every rule must survive without trapping.
struct DegenerateCurve: CustomTestStringConvertible, Sendable {
  let name: String
  let losses: [Double]
  var testDescription: String { name }

  static let all = [
    DegenerateCurve(name: "empty", losses: []),
    DegenerateCurve(name: "one point", losses: [2.3]),
    DegenerateCurve(name: "two points", losses: [2.3, 2.2]),
    DegenerateCurve(name: "all NaN", losses: [Double](repeating: .nan, count: 30)),
    DegenerateCurve(
      name: "NaN tail", losses: (0..<30).map { $0 < 20 ? 2.3 - Double($0) / 100 : .nan }),
    DegenerateCurve(name: "plateau", losses: [Double](repeating: 1.5, count: 30)),
    DegenerateCurve(name: "strictly increasing", losses: (0..<30).map { Double($0) }),
    DegenerateCurve(
      name: "infinities", losses: (0..<30).map { $0 % 7 == 0 ? .infinity : -Double($0) }),
  ]
}

@Suite struct SuggesterRegistryTests {
  @Test(arguments: RuleExample.all)
  func workedExample(_ case: RuleExample) {
    let suggester = SuggesterRegistry.makeSuggester(id: `case`.id, parameters: RuleParameters())
    let curve = `case`.example.curve
    let result = suggester?.suggest(on: curve)
    let expected = `case`.example.expectedIndex.map { curve.window[$0] }
    #expect(result?.value?.index == expected, "\(String(describing: result))")
  }

  @Test(arguments: RegisteredRule.all, DegenerateCurve.all)
  func survivesDegenerateCurves(_ rule: RegisteredRule, _ curve: DegenerateCurve) {
    let rates = curve.losses.indices.map { 1e-7 * pow(1.2, Double($0)) }
    let prepared = PreparedCurve(
      learningRates: rates, losses: curve.losses, window: Array(curve.losses.indices))
    switch rule.suggester.suggest(on: prepared) {
    case .suggested(let value):
      #expect(prepared.losses.indices.contains(value.index))
      #expect(value.learningRate > 0)
    case .unavailable(let reason):
      #expect(!reason.isEmpty)
    }
  }

  @Test func everyRuleIsRegisteredOnceInAlphabeticalOrder() throws {
    let ids = SuggesterRegistry.ids
    #expect(ids == ids.sorted())
    #expect(Set(ids).count == ids.count)
    #expect(Set(SuggesterRegistry.reportOrder) == Set(ids))
    #expect(SuggesterRegistry.reportOrder.count == ids.count)
    let folder = Fixtures.packageRoot.appendingPathComponent("Sources/LRLensAnalysis/Suggesters")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix("Suggester.swift") }
    #expect(files.count == ids.count)
    let typeNames = SuggesterRegistry.all.map { "\($0).swift" }
    #expect(Set(files) == Set(typeNames))
    for id in ids {
      #expect(SuggesterRegistry.makeSuggester(id: id, parameters: RuleParameters()) != nil)
    }
  }

  @Test func lightningIsMeaningfulOnlyOnLinearGrids() {
    let exponential = LearningRateSpacing([1e-3, 1e-2, 1e-1])
    let linear = LearningRateSpacing([0.1, 0.2, 0.3])
    #expect(!SuggesterRegistry.isMeaningful("lightning", on: exponential))
    #expect(SuggesterRegistry.isMeaningful("lightning", on: linear))
    #expect(!SuggesterRegistry.isMeaningful("lightning", on: nil))
    for id in SuggesterRegistry.ids where id != "lightning" {
      #expect(SuggesterRegistry.isMeaningful(id, on: exponential))
    }
  }
}
