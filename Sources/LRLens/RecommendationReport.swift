/// lrlens's recommendation in a report: the `recommendation` object of `lrlens suggest --json`.
public struct RecommendationReport: Sendable, Encodable, Equatable {
  /// The recommended learning rate, or `nil` when lrlens refuses.
  public var lr: Double?
  /// The discriminative span `[low, high]` (for `slice(low, high)` when fine-tuning).
  public var range: [Double]
  /// The confidence score, 0 to 1.
  public var confidence: Double
  /// `high`, `medium` or `low` (a refusal).
  public var level: String
  /// The rules whose suggestions agree with the recommendation.
  public var agreeingRules: [String]
  /// Why: what was located, or why there is no reliable suggestion.
  public var reason: String
  /// What the curve shows (`kind: message`), each naming what to change.
  public var findings: [String]
  /// Where the descent was located, or `nil` when no descent was found.
  public var landmarks: CurveLandmarks?
  /// The measurements the learning rate and confidence were computed from (decades for
  /// positions), or `nil` when no descent was found.
  public var features: RecommendationFeatures?

  /// Restates an analysis's recommendation.
  ///
  /// - Parameter recommendation: The recommendation.
  public init(_ recommendation: Recommendation) {
    lr = recommendation.learningRate
    range = [recommendation.range.low, recommendation.range.high]
    confidence = recommendation.confidence.score
    level = recommendation.confidence.level.rawValue
    agreeingRules = recommendation.agreeingRules
    reason = recommendation.reason
    findings = recommendation.findings.map(\.description)
    landmarks = recommendation.landmarks
    features = recommendation.features
  }

  /// Whether lrlens refused to recommend (low confidence).
  public var isRefusal: Bool { lr == nil }

  /// The recommendation's lines in the text report: the value and the reason; verbose adds
  /// the findings and the measurements.
  ///
  /// - Parameter verbose: Whether to add the findings and the measurements.
  /// - Returns: Two or more lines, indented by two spaces.
  func textLines(verbose: Bool) -> [String] {
    var lines: [String] = []
    if let lr {
      lines.append(
        """
          recommended  \(FileReport.significant(lr))  (confidence \(level), \
        \(FileReport.significant(range[0]))…\(FileReport.significant(range[1])) for \
        discriminative rates; agreeing: \
        \(agreeingRules.isEmpty ? "none" : agreeingRules.joined(separator: ", ")))
        """)
    } else {
      lines.append("  recommended  none (confidence low)")
    }
    lines.append("    \(reason)")
    guard verbose else { return lines }
    lines.append(contentsOf: findings.map { "    \($0)" })
    if let features {
      lines.append(
        "    measured: "
          + features.named.map { "\($0.name) \(FileReport.significant($0.value))" }.joined(
            separator: ", "))
    }
    return lines
  }

  enum CodingKeys: String, CodingKey {
    case lr, range, confidence, level, reason, findings, landmarks, features
    case agreeingRules = "agreeing_rules"
  }

  /// Encodes the recommendation with an explicit null `lr` on a refusal.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(lr, forKey: .lr)
    try container.encode(range, forKey: .range)
    try container.encode(confidence, forKey: .confidence)
    try container.encode(level, forKey: .level)
    try container.encode(agreeingRules, forKey: .agreeingRules)
    try container.encode(reason, forKey: .reason)
    try container.encode(findings, forKey: .findings)
    try container.encode(landmarks.map(LandmarksJSON.init), forKey: .landmarks)
    try container.encode(features.map(FeaturesJSON.init), forKey: .features)
  }
}

/// The `features` object of the JSON recommendation: each feature under its snake_case name,
/// in ``RecommendationFeatures/named`` order.
private struct FeaturesJSON: Encodable {
  var features: RecommendationFeatures

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    for (name, value) in features.named {
      try container.encode(value, forKey: Key(stringValue: name))
    }
  }
}

/// The `landmarks` object of the JSON recommendation: learning rates and the smoothed losses at
/// the descent's ends, snake_case keys, an explicit null `divergence` when none was seen.
private struct LandmarksJSON: Encodable {
  var landmarks: CurveLandmarks

  enum CodingKeys: String, CodingKey {
    case steepest, minimum, lowest, divergence
    case descentStart = "descent_start"
    case halfFall = "half_fall"
    case topLoss = "top_loss"
    case bottomLoss = "bottom_loss"
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(landmarks.descentStart, forKey: .descentStart)
    try container.encode(landmarks.steepest, forKey: .steepest)
    try container.encode(landmarks.halfFall, forKey: .halfFall)
    try container.encode(landmarks.minimum, forKey: .minimum)
    try container.encode(landmarks.lowest, forKey: .lowest)
    try container.encode(landmarks.divergence, forKey: .divergence)
    try container.encode(landmarks.topLoss, forKey: .topLoss)
    try container.encode(landmarks.bottomLoss, forKey: .bottomLoss)
  }
}
