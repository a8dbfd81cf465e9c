import Foundation
import LRLens
import LRLensTestSupport
import Testing

/// lrlens's recommendation on the real-framework quality corpus (`fixtures/quality-corpus/`,
/// made by `scripts/quality-corpus/run`), without Python.
///
/// `scripts/quality-corpus/fit.py` fits the model on the corpus and writes, per export and
/// schedule, the learning rate and level the model gives and whether that pick hits the task's
/// sweep (`expected.json`). lrlens must reproduce each pick from the finder's own export, so
/// the Swift features, the generated constants and the Python fit cannot drift apart.
@Suite struct QualityCorpusFixtureTests {
  /// One export and schedule, with what the fitted model recommends.
  struct Expectation: CustomStringConvertible, Sendable {
    var export: String
    var schedule: TrainingSchedule
    var learningRate: Double?
    var level: String
    var isHit: Bool

    var description: String { "\(export) (\(schedule.rawValue))" }
  }

  /// Every expectation of `expected.json`; a missing or malformed file fails the suite.
  static func load() throws -> [Expectation] {
    let data = Data(Fixtures.bytes("quality-corpus/expected.json"))
    let object = try JSONSerialization.jsonObject(with: data)
    guard let exports = object as? [String: [String: [String: Any]]] else {
      throw CocoaError(.coderReadCorrupt)
    }
    return try exports.keys.sorted().flatMap { export in
      try TrainingSchedule.allCases.map { schedule in
        guard let entry = exports[export]?[schedule.rawValue],
          let level = entry["level"] as? String, let isHit = entry["hit"] as? Bool
        else { throw CocoaError(.coderValueNotFound) }
        return Expectation(
          export: export, schedule: schedule, learningRate: entry["lr"] as? Double, level: level,
          isHit: isHit)
      }
    }
  }

  static let expectations = (try? load()) ?? []

  @Test func theCorpusIsComplete() throws {
    let loaded = try Self.load()
    #expect(loaded.count >= 2 * 150)
    #expect(loaded.filter { $0.learningRate == nil }.count * 20 <= loaded.count)
  }

  @Test(arguments: expectations)
  func lrlensRecommendsWhatTheFittedModelPredicts(_ expected: Expectation) throws {
    let path = Fixtures.packageRoot.appendingPathComponent(expected.export).path
    let report = try Pipeline(analysisOptions: AnalysisOptions(schedule: expected.schedule))
      .run(path: path)
    let recommendation = report.recommendation
    #expect(recommendation.level == expected.level, "\(expected)")
    #expect((recommendation.lr == nil) == (expected.learningRate == nil), "\(expected)")
    if let lr = recommendation.lr, let want = expected.learningRate {
      expectClose(lr, want, relativeTolerance: 1e-9, "\(expected)")
      #expect(recommendation.range[0] <= lr && recommendation.range[1] == lr, "\(expected)")
    }
  }

  /// A task's truth: where a pick counts as a hit (the good range, widened to half a decade
  /// on each side of the best rate), read from its `truth.json`.
  struct Target {
    var low: Double
    var high: Double

    init(export: String, schedule: TrainingSchedule) throws {
      let folder = (export as NSString).deletingLastPathComponent
      let data = Data(Fixtures.bytes("\(folder.dropFirst("fixtures/".count))/truth.json"))
      let key = schedule == .constant ? "constant" : "one_cycle"
      guard let truth = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let judge = truth[key] as? [String: Any], let best = judge["best_rate"] as? Double,
        let range = judge["good_range"] as? [Double], range.count == 2
      else { throw CocoaError(.coderValueNotFound) }
      low = min(log10(range[0]), log10(best) - 0.5)
      high = max(log10(range[1]), log10(best) + 0.5)
    }

    func hits(_ lr: Double?) -> Bool {
      guard let lr, lr > 0 else { return false }
      let decade = log10(lr)
      return low - 1e-9 <= decade && decade <= high + 1e-9
    }
  }

  /// Each export's report and target for one schedule.
  static func judged(_ schedule: TrainingSchedule) throws -> [(FileReport, Target)] {
    try expectations.filter { $0.schedule == schedule }.map { expected in
      let path = Fixtures.packageRoot.appendingPathComponent(expected.export).path
      let report = try Pipeline(analysisOptions: AnalysisOptions(schedule: schedule))
        .run(path: path)
      return (report, try Target(export: expected.export, schedule: schedule))
    }
  }

  /// On the corpus it was fitted to, the recommendation hits more tasks than any framework
  /// rule does (in sample, so a guard against regressions; the out-of-fold numbers are in
  /// docs/quality-corpus-*.md), and wherever it says `high` it hits at least 90 % of the time.
  @Test(arguments: TrainingSchedule.allCases)
  func recommendHitsMoreThanAnyRuleAndHighIsRight(_ schedule: TrainingSchedule) throws {
    let judged = try Self.judged(schedule)
    #expect(judged.count >= 150)
    let recommendHits = judged.filter { $1.hits($0.recommendation.lr) }.count
    let rules = Set(judged.flatMap { report, _ in report.suggestions.map(\.rule) })
    for rule in rules.sorted() {
      let ruleHits = judged.filter { report, target in
        target.hits(report.suggestions.first { $0.rule == rule }?.lr)
      }.count
      #expect(recommendHits > ruleHits, "recommend \(recommendHits), \(rule) \(ruleHits)")
    }
    let high = judged.filter { $0.0.recommendation.level == "high" }
    let highHits = high.filter { $1.hits($0.recommendation.lr) }.count
    #expect(highHits * 10 >= high.count * 9, "high right on \(highHits) of \(high.count)")
  }
}
