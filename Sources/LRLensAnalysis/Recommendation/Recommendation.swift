internal import LRLensCore

/// lrlens's own learning-rate recommendation for one curve, with how sure it is and why.
///
/// Made by ``Recommender/recommend(_:ruleResults:tuning:)``. When the curve gives no reliable
/// answer, ``learningRate`` is `nil`, ``reason`` starts with "no reliable suggestion:" and
/// ``findings`` say what to change in the range test.
public struct Recommendation: Sendable, Equatable {
  /// The recommended learning rate, or `nil` when lrlens refuses (low confidence).
  public var learningRate: Double?
  /// A discriminative span: from where the loss starts to fall to the recommendation, in the
  /// style of fastai's `slice(lr/10, lr)` but read from the curve.
  ///
  /// Always inside the tested learning rates with `low ≤ learningRate ≤ high`. When lrlens
  /// refuses it is the located descent (or the whole tested range); both ends are 0 only when
  /// the curve has no usable learning rate at all.
  public var range: LearningRateRange
  /// How reliable the recommendation is.
  public var confidence: RecommendationConfidence
  /// The rules whose suggestion lies within ``RecommenderTuning/agreementDistance`` decades of
  /// the recommendation (of the located descent when lrlens refuses), in report order.
  public var agreeingRules: [String]
  /// One sentence: what was located and why this value, or "no reliable suggestion: …".
  public var reason: String
  /// What lrlens noticed about the curve, each with the action to take.
  public var findings: [CurveFinding]
  /// The points of the curve the recommendation was read from, when a descent was located.
  public var landmarks: CurveLandmarks?
  /// The measurements the learning rate and confidence were computed from, when a descent was
  /// located.
  public var features: RecommendationFeatures?

  /// Creates a recommendation.
  ///
  /// - Parameters:
  ///   - learningRate: The recommended learning rate, or `nil` when refusing.
  ///   - range: The discriminative span.
  ///   - confidence: How reliable it is.
  ///   - agreeingRules: The rules that agree.
  ///   - reason: One sentence saying why.
  ///   - findings: What was noticed about the curve.
  ///   - landmarks: The located descent, if any.
  ///   - features: The measurements of the descent, if any.
  public init(
    learningRate: Double?, range: LearningRateRange, confidence: RecommendationConfidence,
    agreeingRules: [String], reason: String, findings: [CurveFinding],
    landmarks: CurveLandmarks? = nil, features: RecommendationFeatures? = nil
  ) {
    self.features = features
    self.learningRate = learningRate
    self.range = range
    self.confidence = confidence
    self.agreeingRules = agreeingRules
    self.reason = reason
    self.findings = findings
    self.landmarks = landmarks
  }

  /// Whether lrlens refused to recommend a learning rate.
  public var isRefusal: Bool { learningRate == nil }

  /// The finding of a kind, if present.
  ///
  /// - Parameter kind: The kind to look for.
  /// - Returns: The first finding of that kind, or `nil`.
  public func finding(_ kind: CurveFinding.Kind) -> CurveFinding? {
    findings.first { $0.kind == kind }
  }
}

/// A span of learning rates, `low ≤ high`.
public struct LearningRateRange: Sendable, Equatable, CustomStringConvertible {
  /// The lower end.
  public var low: Double
  /// The upper end.
  public var high: Double

  /// Creates a span.
  ///
  /// - Parameters:
  ///   - low: The lower end.
  ///   - high: The upper end, at least `low`.
  public init(low: Double, high: Double) {
    self.low = low
    self.high = high
  }

  /// `low…high` with 3 significant digits.
  public var description: String {
    "\(RecommendationText.number(low))…\(RecommendationText.number(high))"
  }
}

/// How reliable a recommendation is: a score in `[0, 1]` and its level.
public struct RecommendationConfidence: Sendable, Equatable {
  /// The level a score falls in.
  public enum Level: String, Sendable, Hashable, CaseIterable {
    /// Score ≥ ``RecommenderTuning/highConfidence``: use the value as it is.
    case high
    /// Score ≥ ``RecommenderTuning/mediumConfidence``: usable, look at the plot first.
    case medium
    /// Below: lrlens refuses and says what to change.
    case low
  }

  /// The score, `0…1`: the product of the evidence factors (see ``RecommenderTuning``).
  public var score: Double
  /// The level of the score.
  public var level: Level

  /// Creates a confidence.
  ///
  /// - Parameters:
  ///   - score: The score in `[0, 1]`.
  ///   - level: Its level.
  public init(score: Double, level: Level) {
    self.score = score
    self.level = level
  }
}

/// The points of a curve a recommendation was read from, as learning rates.
///
/// All lie inside the tested learning rates; `descentStart ≤ halfFall ≤ minimum` and
/// `descentStart ≤ steepest ≤ minimum`.
public struct CurveLandmarks: Sendable, Equatable {
  /// Where the smoothed loss has fallen ``RecommenderTuning/fallStartFraction`` of the descent.
  public var descentStart: Double
  /// Where the smoothed loss falls fastest against log LR.
  public var steepest: Double
  /// Where the smoothed loss has fallen ``RecommenderTuning/fallFraction`` of the descent.
  public var halfFall: Double
  /// The bottom of the descent (the smoothed minimum of the main fall).
  public var minimum: Double
  /// The lowest smoothed loss before divergence, at or after ``minimum`` (later when the loss
  /// keeps sinking slowly after the main fall); ``minimum`` itself when no divergence is seen.
  public var lowest: Double
  /// Where the loss has clearly risen again after the minimum (or turned non-finite), if seen.
  public var divergence: Double?
  /// The smoothed loss at the top of the descent.
  public var topLoss: Double
  /// The smoothed loss at its bottom.
  public var bottomLoss: Double

  /// Creates landmarks.
  ///
  /// - Parameters:
  ///   - descentStart: Where the fall starts.
  ///   - steepest: The steepest point.
  ///   - halfFall: The point where half of the fall is done.
  ///   - minimum: The bottom of the descent.
  ///   - lowest: Where the smoothed loss is lowest before divergence.
  ///   - divergence: Where the loss rises again, if seen.
  ///   - topLoss: The smoothed loss at the top.
  ///   - bottomLoss: The smoothed loss at the bottom.
  public init(
    descentStart: Double, steepest: Double, halfFall: Double, minimum: Double, lowest: Double,
    divergence: Double?, topLoss: Double, bottomLoss: Double
  ) {
    self.descentStart = descentStart
    self.steepest = steepest
    self.halfFall = halfFall
    self.minimum = minimum
    self.lowest = lowest
    self.divergence = divergence
    self.topLoss = topLoss
    self.bottomLoss = bottomLoss
  }
}

/// Number formatting for recommendation messages (no Foundation).
package enum RecommendationText {
  /// A number with 3 significant digits in scientific notation, such as `3.16e-2`.
  ///
  /// Non-finite values print as Swift does (`nan`, `inf`).
  ///
  /// - Parameter value: The number.
  /// - Returns: Its text.
  package static func number(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return "\(value)" }
    var exponent = LibM.log10(abs(value)).rounded(.down)
    var mantissa = value / LibM.power10(exponent)
    mantissa = (mantissa * 100).rounded() / 100
    if abs(mantissa) >= 10 {
      mantissa /= 10
      exponent += 1
    }
    let digits = (mantissa * 100).rounded()
    let sign = digits < 0 ? "-" : ""
    let magnitude = Int(exactly: abs(digits)) ?? 0
    let fraction = magnitude % 100
    let text = "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    let power = Int(exactly: exponent) ?? 0
    return "\(text)e\(power)"
  }

  /// A fraction as a whole percentage, such as `23%`.
  ///
  /// - Parameter value: The fraction.
  /// - Returns: Its text.
  package static func percent(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    return "\(Int(exactly: (value * 100).rounded()) ?? 0)%"
  }

  /// A number with 2 decimals, such as `0.35`.
  ///
  /// - Parameter value: The number.
  /// - Returns: Its text.
  package static func decimal(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let hundredths = Int(exactly: (abs(value) * 100).rounded()) ?? 0
    let fraction = hundredths % 100
    return "\(value < 0 ? "-" : "")\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
