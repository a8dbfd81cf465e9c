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
/// (`scripts/quality-corpus/fit.py` over `fixtures/quality-corpus`): a pick that is an affine
/// combination of the descent's landmarks, and a logistic confidence.
///
/// **Pick**, in decades: `Σ anchorWeights[k]·anchor[k] + intercept + Σ flagOffsets[f]·flag[f]`,
/// where the anchors are ``anchorNames`` and the flags ``flagNames`` (each a
/// ``RecommendationFeatures`` value), kept within ``valleyGuard`` decades of fastai's valley and
/// then clamped to the analysed learning rates. The anchor weights sum to 1, so the pick moves
/// with the curve along the learning-rate axis.
///
/// **Confidence**: `p = 1 / (1 + e^−(Σ confidenceWeights[j]·x[j] + confidenceIntercept))` over
/// ``confidenceNames``; `high` from ``highThreshold`` on, where the fitted picks were right at
/// least 95 % of the time on the corpus's training folds.
struct FittedRecommenderModel: Sendable {
  /// The landmarks the pick combines, as ``RecommendationFeatures/named`` names.
  static let anchorNames = [
    "descent_start", "steepest", "half_fall", "minimum", "bottom", "lowest",
    "divergence_or_last", "valley", "minimum_rule",
  ]
  /// The flags that shift the pick.
  static let flagNames = ["divergence_seen", "still_falling", "linear_grid"]
  /// The confidence model's inputs: ``RecommendationFeatures`` names, plus `pick_to_lowest`,
  /// `lowest_to_start` and `pick_to_valley` (decades).
  static let confidenceNames = [
    "significance", "resolution", "spread", "noise", "relative_depth", "divergence_seen",
    "still_falling", "linear_grid", "pick_to_lowest", "lowest_to_start", "pick_to_valley",
  ]

  /// The weight of each anchor (summing to 1).
  var anchorWeights: [Double]
  /// The pick's offset in decades.
  var intercept: Double
  /// The offset each flag adds, in decades.
  var flagOffsets: [Double]
  /// The pick never strays further than this from ``RecommendationFeatures/valley`` (decades):
  /// where lrlens locates the wrong fall, valley usually does not.
  var valleyGuard: Double
  /// The logistic weights of ``confidenceNames``.
  var confidenceWeights: [Double]
  /// The logistic intercept.
  var confidenceIntercept: Double
  /// The probability from which the confidence is `high`.
  var highThreshold: Double

  /// The pick in decades, inside the analysed learning rates.
  ///
  /// - Parameter features: The descent's measurements.
  /// - Returns: log10 of the learning rate.
  func pick(_ features: RecommendationFeatures) -> Double {
    let guarded = min(
      max(combination(features), features.valley - valleyGuard), features.valley + valleyGuard)
    return min(max(guarded, features.first), features.last)
  }

  /// The affine combination of anchors and flags, in decades.
  func combination(_ features: RecommendationFeatures) -> Double {
    var decade = intercept
    for (weight, name) in zip(anchorWeights, Self.anchorNames) {
      decade += weight * (features.value(named: name) ?? 0)
    }
    for (offset, name) in zip(flagOffsets, Self.flagNames) {
      decade += offset * (features.value(named: name) ?? 0)
    }
    return decade
  }

  /// The probability that the pick lands in the good range or within 0.5 decades of the best.
  ///
  /// - Parameters:
  ///   - features: The descent's measurements.
  ///   - pick: The clamped pick in decades.
  /// - Returns: A probability in `[0, 1]`.
  func probability(_ features: RecommendationFeatures, pick: Double) -> Double {
    var score = confidenceIntercept
    for (weight, name) in zip(confidenceWeights, Self.confidenceNames) {
      let value: Double
      switch name {
      case "pick_to_lowest": value = features.lowest - pick
      case "pick_to_valley": value = abs(features.valley - pick)
      case "lowest_to_start": value = features.lowest - features.descentStart
      default: value = features.value(named: name) ?? 0
      }
      score += weight * value
    }
    return 1 / (1 + LibM.exponential(-score))
  }
}
