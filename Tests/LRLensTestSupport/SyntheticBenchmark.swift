public import LRLensCore

/// What one curve's answers were: each answer's distance from the ground truth.
public struct SyntheticOutcome: Sendable {
  /// The curve.
  public var curve: SyntheticCurve
  /// Distance in decades per answer id, `nil` when it gave no answer.
  public var distances: [String: Double?] = [:]
  /// Whether `recommend` answered although the curve has no good learning rate.
  public var answeredWithoutTruth = false
}

/// One answer's accuracy over many curves with a ground truth.
public struct DistanceSummary: Sendable {
  /// The median distance in decades.
  public var median: Double
  /// The 90th percentile (nearest rank).
  public var p90: Double
  /// How many curves with a ground truth got no answer.
  public var missing: Int
  /// How many answers are more than half a decade off.
  public var beyondHalf: Int
  /// How many answers are more than a decade off.
  public var beyondOne: Int

  /// Summarises one answer's distances.
  ///
  /// - Parameters:
  ///   - rows: The outcomes; curves without a ground truth are left out.
  ///   - column: The answer id (`recommend` or a rule id).
  public init(_ rows: [SyntheticOutcome], column: String) {
    let truthful = rows.filter { $0.curve.truth != nil }
    let values = truthful.compactMap { $0.distances[column] ?? nil }.sorted()
    let rank = { (q: Double) -> Double in
      guard !values.isEmpty else { return .nan }
      let position = (q * Double(values.count - 1)).rounded()
      return values[min(values.count - 1, Int(exactly: position) ?? 0)]
    }
    median = rank(0.5)
    p90 = rank(0.9)
    missing = truthful.count - values.count
    beyondHalf = values.filter { $0 > 0.5 }.count
    beyondOne = values.filter { $0 > 1 }.count
  }
}

/// The synthetic benchmark: each answer's distance in decades from the ground truth.
///
/// It covers every ``SyntheticCurve`` family. `LRLensAnalysisTests` asserts on it;
/// `Benchmarks/` prints its table.
public enum SyntheticBenchmark {
  /// The answers on one curve: lrlens's recommendation, then each rule's learning rate.
  public typealias Answers = (recommendation: Double?, rules: [(id: String, learningRate: Double?)])

  /// Every family's outcomes.
  ///
  /// - Parameters:
  ///   - perFamily: Curves per family (seeds `0..<perFamily`).
  ///   - answer: What the analysis answers on a curve.
  /// - Returns: Per family, in ``SyntheticCurve/Kind`` order, one outcome per curve.
  public static func outcomes(
    perFamily: Int, answer: (LossCurve) -> Answers
  ) -> [(kind: SyntheticCurve.Kind, outcomes: [SyntheticOutcome])] {
    SyntheticCurve.Kind.allCases.map { kind in
      let rows = SyntheticCurve.family(kind, count: perFamily).map { synthetic in
        let answers = answer(synthetic.curve)
        var outcome = SyntheticOutcome(curve: synthetic)
        let distance = { (value: Double?) -> Double? in
          guard let value, let truth = synthetic.truth, value > 0 else { return nil }
          return abs(LibM.log10(value) - truth)
        }
        outcome.distances["recommend"] = distance(answers.recommendation)
        outcome.answeredWithoutTruth = synthetic.truth == nil && answers.recommendation != nil
        for rule in answers.rules {
          outcome.distances[rule.id] = distance(rule.learningRate)
        }
        return outcome
      }
      return (kind, rows)
    }
  }
}
