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

  /// Wherever `high` is given on the corpus it is right at least 90 % of the time, and more
  /// often than `medium` (the out-of-fold shares are in docs/quality-corpus-*.md).
  @Test(arguments: TrainingSchedule.allCases)
  func highIsRightWhereItIsGiven(_ schedule: TrainingSchedule) {
    let given = Self.expectations.filter { $0.schedule == schedule }
    let high = given.filter { $0.level == "high" }
    let medium = given.filter { $0.level == "medium" }
    guard !high.isEmpty else { return }
    let highShare = Double(high.filter(\.isHit).count) / Double(high.count)
    let mediumShare = Double(medium.filter(\.isHit).count) / Double(max(medium.count, 1))
    #expect(highShare >= 0.9)
    #expect(highShare > mediumShare)
  }
}
