internal import Foundation

/// The result of `lrlens suggest` for one input, as written to JSON Lines and to text.
///
/// JSON keys are stable (the CLI contract): `file`, `format`, `framework`,
/// `framework_evidence`, `smoothed`, `points`, `preset`, `skip_start`, `skip_end`,
/// `window_points`, `smoothing`, `recommendation` (`lr`, null when lrlens refuses; `range`
/// as `[low, high]`; `confidence` in 0…1; `level`; `agreeing_rules`; `reason`; `findings`),
/// `suggestions` (rule id → `lr`, `index`, `loss`, `error`, and `candidates` for `minima`)
/// and `diagnostics`.
public struct FileReport: Sendable, Encodable, Equatable {
  /// The input path as the user gave it.
  public var file: String
  /// The format it was read as.
  public var format: String
  /// The framework guess.
  public var framework: String
  /// Why that framework was guessed.
  public var frameworkEvidence: String
  /// Whether the exported losses look smoothed already (`nil` if unknown).
  public var smoothed: Bool?
  /// The number of points read.
  public var points: Int
  /// The preset used, or `nil` for lrlens's defaults.
  public var preset: String?
  /// Points skipped at the start.
  public var skipStart: Int
  /// Points skipped at the end.
  public var skipEnd: Int
  /// Points left in the window the rules looked at.
  public var windowPoints: Int
  /// The smoothing applied (`none`, `fastai`, `pytorch`).
  public var smoothing: String
  /// lrlens's own recommendation.
  public var recommendation: RecommendationReport
  /// Each rule's answer, in the order the rules ran.
  public var suggestions: [RuleReport]
  /// Warnings and notes, as compiler-style lines.
  public var diagnostics: [String]

  /// Builds a report from a curve and its analysis.
  ///
  /// - Parameters:
  ///   - curve: The curve as read.
  ///   - analysis: Its analysis.
  ///   - diagnostics: Every diagnostic from reading and analysing it.
  public init(curve: LossCurve, analysis: Analysis, diagnostics: [Diagnostic]) {
    let provenance = curve.provenance
    file = provenance.path
    format = provenance.format.rawValue
    framework = provenance.framework.rawValue
    frameworkEvidence = provenance.frameworkEvidence
    smoothed = provenance.isSmoothed
    points = curve.count
    preset = analysis.settings.preset?.rawValue
    skipStart = analysis.settings.trimming.skipStart
    skipEnd = analysis.settings.trimming.skipEnd
    windowPoints = analysis.curve.window.count
    smoothing = analysis.settings.smoothing.description
    recommendation = RecommendationReport(analysis.recommendation)
    suggestions = analysis.results.map(RuleReport.init)
    self.diagnostics = diagnostics.map(\.description)
  }

  enum CodingKeys: String, CodingKey {
    case file, format, framework, smoothed, points, preset, smoothing, recommendation
    case suggestions, diagnostics
    case frameworkEvidence = "framework_evidence"
    case skipStart = "skip_start"
    case skipEnd = "skip_end"
    case windowPoints = "window_points"
  }

  /// Encodes the report with `suggestions` as an object keyed by rule id and explicit nulls.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(file, forKey: .file)
    try container.encode(format, forKey: .format)
    try container.encode(framework, forKey: .framework)
    try container.encode(frameworkEvidence, forKey: .frameworkEvidence)
    try container.encode(smoothed, forKey: .smoothed)
    try container.encode(points, forKey: .points)
    try container.encode(preset, forKey: .preset)
    try container.encode(skipStart, forKey: .skipStart)
    try container.encode(skipEnd, forKey: .skipEnd)
    try container.encode(windowPoints, forKey: .windowPoints)
    try container.encode(smoothing, forKey: .smoothing)
    try container.encode(recommendation, forKey: .recommendation)
    var rules = container.nestedContainer(keyedBy: RuleKey.self, forKey: .suggestions)
    for rule in suggestions {
      try rules.encode(rule, forKey: RuleKey(stringValue: rule.rule))
    }
    try container.encode(diagnostics, forKey: .diagnostics)
  }

  /// The report as one line of JSON (keys sorted, no trailing newline).
  ///
  /// - Returns: The JSON text.
  /// - Throws: `LRLensError` of kind `.internalFailure` if the report cannot be encoded (it
  ///   holds only encodable values, so that would be a bug).
  public func jsonLine() throws(LRLensError) -> String {
    try JSONLine.encode(self)
  }

  /// The report as a short human-readable table: the source, the trimming and smoothing,
  /// lrlens's recommendation first (with its reason on one line), each rule's learning rate to
  /// 3 significant digits, and the diagnostics.
  ///
  /// - Parameter verbose: Whether to add the recommendation's findings and measurements.
  /// - Returns: The text, ending with a newline.
  public func text(verbose: Bool = false) -> String {
    var lines: [String] = []
    lines.append("\(file): \(format), \(framework) (\(frameworkEvidence))")
    let presetText = preset.map { "preset \($0)" } ?? "no preset (lrlens defaults)"
    lines.append(
      """
        \(points) points, \(presetText), skip \(skipStart) at the start and \(skipEnd) at the \
      end (\(windowPoints) in the window), smoothing \(smoothing)
      """)
    lines.append(contentsOf: recommendation.textLines(verbose: verbose))
    let width = max(suggestions.map(\.rule.count).max() ?? 4, 4)
    lines.append("  " + "rule".padding(toLength: width, withPad: " ", startingAt: 0) + "  lr")
    for rule in suggestions {
      let name = rule.rule.padding(toLength: width, withPad: " ", startingAt: 0)
      if let learningRate = rule.lr {
        var line = "  \(name)  \(Self.significant(learningRate))"
        if let index = rule.index { line += "  (point \(index))" }
        if let candidates = rule.candidates, candidates.count > 1 {
          line += "  candidates " + candidates.map(Self.significant).joined(separator: ", ")
        }
        lines.append(line)
      } else {
        lines.append("  \(name)  unavailable: \(rule.error ?? "no suggestion")")
      }
    }
    lines.append(contentsOf: diagnostics.map { "  \($0)" })
    return lines.joined(separator: "\n") + "\n"
  }

  /// A learning rate to 3 significant digits, as `1.74e-03`.
  package static func significant(_ value: Double) -> String {
    String(format: "%.2e", value)
  }

  private struct RuleKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}

/// One rule's answer in a report.
public struct RuleReport: Sendable, Encodable, Equatable {
  /// The rule id.
  public var rule: String
  /// The suggested learning rate, or `nil` when the rule is unavailable.
  @NullWhenAbsent public var lr: Double? = nil
  /// The point the suggestion was read from (0-based, in file order), or `nil`.
  @NullWhenAbsent public var index: Int? = nil
  /// The loss at the rule's marker, or `nil` (also when it is not finite).
  @NullWhenAbsent public var loss: Double? = nil
  /// Why the rule is unavailable, or `nil`.
  @NullWhenAbsent public var error: String? = nil
  /// Every candidate, for rules that produce several (`minima`).
  public var candidates: [Double]?

  /// Builds the report of one rule result.
  ///
  /// - Parameter result: The rule's result.
  public init(_ result: RuleResult) {
    rule = result.id
    switch result.suggestion {
    case .suggested(let value):
      lr = value.learningRate.isFinite ? value.learningRate : nil
      index = value.index
      loss = value.loss.isFinite ? value.loss : nil
      candidates = value.candidates
    case .unavailable(let reason):
      error = reason
    }
  }

  /// `lr`, `index`, `loss` and `error` are written with explicit nulls, `candidates` only
  /// when the rule has several.
  enum CodingKeys: String, CodingKey {
    case lr, index, loss, error, candidates
  }

}
