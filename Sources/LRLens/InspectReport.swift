internal import Foundation

/// What lrlens sees in a file, for `lrlens inspect`: the format, every series with its length,
/// type and use, the framework and smoothing guesses with their evidence, non-finite counts
/// and the learning-rate spacing.
///
/// JSON keys: `file`, `format`, `framework`, `framework_evidence`, `smoothed`,
/// `smoothing_evidence`, `points`, `learning_rate` (`name`, `min`, `max`, `spacing`), `loss`
/// (`name`, `non_finite`, `first_non_finite_point`, `min`, `max`), `series` (each `name`,
/// `count`, `type`, `role`, `non_finite`), `parameter_groups`, `preset` (the matching preset,
/// if any) and `diagnostics`.
public struct InspectReport: Sendable, Encodable, Equatable {
  /// The learning-rate series.
  public struct LearningRates: Sendable, Encodable, Equatable {
    /// Its name in the source.
    public var name: String
    /// The smallest learning rate.
    public var min: Double
    /// The largest learning rate.
    public var max: Double
    /// How the learning rates are spaced.
    public var spacing: String
  }

  /// The loss series.
  public struct Losses: Sendable, Encodable, Equatable {
    /// Its name in the source.
    public var name: String
    /// How many losses are NaN or infinite.
    public var nonFinite: Int
    /// The first point (0-based) whose loss is not finite, if any.
    @NullWhenAbsent public var firstNonFinitePoint: Int?
    /// The smallest finite loss.
    @NullWhenAbsent public var min: Double?
    /// The largest finite loss.
    @NullWhenAbsent public var max: Double?

    enum CodingKeys: String, CodingKey {
      case name, min, max
      case nonFinite = "non_finite"
      case firstNonFinitePoint = "first_non_finite_point"
    }
  }

  /// One series of the source.
  public struct Series: Sendable, Encodable, Equatable {
    /// Its name in the source.
    public var name: String
    /// Its number of values, if known.
    @NullWhenAbsent public var count: Int?
    /// Its stored type, if known.
    @NullWhenAbsent public var type: String?
    /// What lrlens uses it for (`lr`, `loss`, `raw_loss`, `parameter_group`), or `nil`.
    @NullWhenAbsent public var role: String?
    /// How many of its values are not finite, if known.
    @NullWhenAbsent public var nonFinite: Int?

    enum CodingKeys: String, CodingKey {
      case name, count, type, role
      case nonFinite = "non_finite"
    }
  }

  /// The input path as the user gave it.
  public var file: String
  /// The format it was read as.
  public var format: String
  /// The framework guess.
  public var framework: String
  /// Why that framework was guessed.
  public var frameworkEvidence: String
  /// Whether the losses look smoothed already (`nil` if unknown).
  @NullWhenAbsent public var smoothed: Bool?
  /// Why lrlens believes that.
  public var smoothingEvidence: String
  /// The number of points read.
  public var points: Int
  /// The learning-rate series.
  public var learningRate: LearningRates
  /// The loss series.
  public var loss: Losses
  /// Every series of the source.
  public var series: [Series]
  /// The names of the other parameter groups' learning-rate series.
  public var parameterGroups: [String]
  /// The preset that reproduces the guessed framework's answer, if there is one.
  @NullWhenAbsent public var preset: String?
  /// Warnings and notes from reading.
  public var diagnostics: [String]

  /// Describes what a reader found.
  ///
  /// - Parameter read: The reader's result.
  public init(_ read: ReadResult) {
    let curve = read.curve
    let provenance = curve.provenance
    file = provenance.path
    format = provenance.format.rawValue
    framework = provenance.framework.rawValue
    frameworkEvidence = provenance.frameworkEvidence
    smoothed = provenance.isSmoothed
    smoothingEvidence = provenance.smoothingEvidence
    points = curve.count
    let spacing = LearningRateSpacing(curve.learningRates).map(String.init(describing:))
    learningRate = LearningRates(
      name: provenance.learningRateName, min: curve.learningRates.min() ?? 0,
      max: curve.learningRates.max() ?? 0, spacing: spacing ?? "a single point")
    let finite = curve.losses.filter(\.isFinite)
    loss = Losses(
      name: provenance.lossName, nonFinite: curve.count - finite.count,
      firstNonFinitePoint: curve.losses.firstIndex { !$0.isFinite }, min: finite.min(),
      max: finite.max())
    series = read.inventory.map {
      Series(
        name: $0.name, count: $0.count, type: $0.valueType, role: $0.role?.rawValue,
        nonFinite: $0.nonFiniteCount)
    }
    parameterGroups = curve.parameterGroups.map(\.name).filter {
      $0 != provenance.learningRateName
    }
    preset = Preset.allCases.first { $0.framework == provenance.framework }?.rawValue
    diagnostics = read.diagnostics.map(\.description)
  }

  enum CodingKeys: String, CodingKey {
    case file, format, framework, smoothed, points, loss, series, preset, diagnostics
    case frameworkEvidence = "framework_evidence"
    case smoothingEvidence = "smoothing_evidence"
    case learningRate = "learning_rate"
    case parameterGroups = "parameter_groups"
  }

  /// The report as one line of JSON (keys sorted, no trailing newline).
  ///
  /// - Returns: The JSON text.
  /// - Throws: `LRLensError` of kind `.internalFailure` if the report cannot be encoded (it
  ///   holds only encodable values, so that would be a bug).
  public func jsonLine() throws(LRLensError) -> String {
    try JSONLine.encode(self)
  }

  /// The report as text: one line per fact, then one per series.
  ///
  /// - Returns: The text, ending with a newline.
  public func text() -> String {
    var lines = ["\(file): \(format), \(points) points"]
    lines.append("  framework: \(framework) (\(frameworkEvidence))")
    let smoothedText = smoothed.map { $0 ? "yes" : "no" } ?? "unknown"
    lines.append("  smoothed:  \(smoothedText) (\(smoothingEvidence))")
    lines.append(
      """
        lr:        '\(learningRate.name)' from \(FileReport.significant(learningRate.min)) to \
      \(FileReport.significant(learningRate.max)), \(learningRate.spacing)
      """)
    var lossLine = "  loss:      '\(loss.name)'"
    if let min = loss.min, let max = loss.max {
      lossLine += " from \(String(format: "%.4g", min)) to \(String(format: "%.4g", max))"
    }
    lossLine += ", \(loss.nonFinite) non-finite"
    if let row = loss.firstNonFinitePoint { lossLine += " (first at point \(row))" }
    lines.append(lossLine)
    if !parameterGroups.isEmpty {
      lines.append("  other parameter groups: \(parameterGroups.joined(separator: ", "))")
    }
    lines.append("  preset:    \(preset ?? "none matches; lrlens defaults apply")")
    lines.append("  series:")
    for item in series {
      var line = "    \(item.name.isEmpty ? "(unnamed)" : item.name)"
      if let count = item.count { line += "  \(count) values" }
      if let type = item.type { line += "  \(type)" }
      if let nonFinite = item.nonFinite, nonFinite > 0 { line += "  \(nonFinite) non-finite" }
      line += item.role.map { "  → used as \($0)" } ?? "  (not used)"
      lines.append(line)
    }
    lines.append(contentsOf: diagnostics.map { "  \($0)" })
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Encodes reports as one line of JSON with sorted keys.
package enum JSONLine {
  /// Encodes a value as one line of JSON.
  ///
  /// Reports hold only strings, integers, booleans and finite numbers (non-finite ones are
  /// encoded as null), so encoding should not fail; if it does, the error says so instead of
  /// printing an empty object.
  ///
  /// - Parameter value: The value.
  /// - Returns: The JSON text.
  /// - Throws: `LRLensError` of kind `.internalFailure` with the encoder's reason.
  package static func encode(_ value: some Encodable) throws(LRLensError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(value), as: UTF8.self)
    } catch {
      throw LRLensError(
        .internalFailure, at: InputLocation(path: "<json>"),
        problem: "cannot encode the report as JSON: \(error)",
        fix: "report this as a bug in lrlens, with the input file")
    }
  }
}
