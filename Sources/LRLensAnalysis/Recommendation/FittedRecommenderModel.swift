internal import LRLensCore

/// The schedule a user will train with: each has its own best learning rate for the same
/// range test, so lrlens fits its recommendation to each separately.
public enum TrainingSchedule: String, Sendable, Hashable, CaseIterable {
  /// A constant learning rate (`fit`, `Trainer.fit` with no scheduler).
  case constant
  /// fastai's `fit_one_cycle` (PyTorch `OneCycleLR`): the value is the cycle's peak.
  case oneCycle = "one-cycle"

  /// The fitted model for this schedule.
  var model: FittedRecommenderModel {
    switch self {
    case .constant: .constant
    case .oneCycle: .oneCycle
    }
  }
}

/// The recommendation model fitted to real frameworks' range tests
/// (`scripts/quality-corpus/fit.py` over `fixtures/quality-corpus`): landmarks that vote for a
/// learning rate, and a logistic confidence.
///
/// **Pick**, in decades: each of ``anchors`` (a ``RecommendationFeatures`` value) plus its
/// fitted offset casts a vote; the pick is the median vote, kept within ``valleyGuard`` decades
/// of fastai's valley, at most ``ceilingOffset`` decades above the lower of the lowest loss and
/// the divergence (where the sweeps diverge), and then clamped to the analysed learning rates. A misplaced landmark
/// (an early transient taken for the descent, a late fall) is outvoted. Each offset is the one
/// at which that landmark alone lands in the most tasks' good ranges; `fit.py` keeps every
/// anchor or only the best one, and the ceiling, whichever has the lowest regret out of fold.
///
/// **Confidence**: `p = 1 / (1 + e^−(Σ confidenceWeights[j]·x[j] + confidenceIntercept))` over
/// ``confidenceNames``; `high` from ``highThreshold`` on, where picks made without the task's
/// dataset family were right at least 92 % of the time on the corpus.
struct FittedRecommenderModel: Sendable {
  /// The confidence model's inputs: ``RecommendationFeatures`` names, plus `pick_to_lowest`,
  /// `lowest_to_start`, `pick_to_valley` and `vote_spread` (decades; the last is the median
  /// absolute deviation of the votes).
  static let confidenceNames = [
    "significance", "resolution", "spread", "noise", "relative_depth", "divergence_seen",
    "still_falling", "linear_grid", "pick_to_lowest", "lowest_to_start", "pick_to_valley",
    "vote_spread",
  ]

  /// The landmarks that vote, as ``RecommendationFeatures/named`` names.
  var anchors: [String]
  /// Each anchor's offset, in decades.
  var offsets: [Double]
  /// The pick never strays further than this from ``RecommendationFeatures/valley`` (decades).
  var valleyGuard: Double
  /// The pick is at most this far above the lower of ``RecommendationFeatures/lowest`` and
  /// ``RecommendationFeatures/divergenceOrLast`` (decades); `nil`: no ceiling.
  var ceilingOffset: Double?
  /// The logistic weights of ``confidenceNames``.
  var confidenceWeights: [Double]
  /// The logistic intercept.
  var confidenceIntercept: Double
  /// The probability from which the confidence is `high`.
  var highThreshold: Double

  /// Each anchor's vote, in decades.
  func votes(_ features: RecommendationFeatures) -> [Double] {
    votes(Self.table(features))
  }

  /// The votes read from a feature table.
  private func votes(_ table: [String: Double]) -> [Double] {
    zip(anchors, offsets).map { (table[$0] ?? 0) + $1 }
  }

  /// The features by name, built once per call instead of searched per anchor.
  private static func table(_ features: RecommendationFeatures) -> [String: Double] {
    Dictionary(features.named.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
  }

  /// The pick in decades, inside the analysed learning rates.
  ///
  /// - Parameter features: The descent's measurements.
  /// - Returns: log10 of the learning rate.
  func pick(_ features: RecommendationFeatures) -> Double {
    var guarded = min(
      max(Self.median(votes(features)), features.valley - valleyGuard),
      features.valley + valleyGuard)
    if let ceilingOffset {
      guarded = min(guarded, min(features.lowest, features.divergenceOrLast) + ceilingOffset)
    }
    return min(max(guarded, features.first), features.last)
  }

  /// The probability that the pick lands in the good range or within 0.5 decades of the best.
  ///
  /// - Parameters:
  ///   - features: The descent's measurements.
  ///   - pick: The pick in decades.
  /// - Returns: A probability in `[0, 1]`.
  func probability(_ features: RecommendationFeatures, pick: Double) -> Double {
    let table = Self.table(features)
    let cast = votes(table)
    let centre = Self.median(cast)
    let spread = Self.median(cast.map { abs($0 - centre) })
    var score = confidenceIntercept
    for (weight, name) in zip(confidenceWeights, Self.confidenceNames) {
      let value: Double
      switch name {
      case "pick_to_lowest": value = features.lowest - pick
      case "lowest_to_start": value = features.lowest - features.descentStart
      case "pick_to_valley": value = abs(features.valley - pick)
      case "vote_spread": value = spread
      default: value = table[name] ?? 0
      }
      score += weight * value
    }
    return 1 / (1 + LibM.exponential(-score))
  }

  /// The median as numpy computes it (the mean of the two middle values for an even count).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }
}
