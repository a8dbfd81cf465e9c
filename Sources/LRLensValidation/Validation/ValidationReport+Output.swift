internal import Foundation
internal import LRLens
package import LRLensCore

extension ValidationReport {
  /// The report as a table: the range test and the sweep's best rate, then one line per rule
  /// with its suggestion, its distance from the best in decades, the validation loss training
  /// at it gave, and its regret.
  ///
  /// - Returns: The text, ending with a newline.
  package func text() -> String {
    var lines = [
      """
      \(taskName), \(style.rawValue) range test (seed \(seed)): \(points) points from \
      \(FileReport.significant(testedRange.lowerBound)) to \
      \(FileReport.significant(testedRange.upperBound))
      """
    ]
    if let best = sweep.best {
      lines.append(
        """
          sweep: best lr \(FileReport.significant(best.learningRate)) (val loss \
        \(SweepReport.loss(best.validationLoss)), untrained \
        \(SweepReport.loss(sweep.initialValidationLoss))), good range \
        \(FileReport.significant(best.goodRange.lowerBound))–\
        \(FileReport.significant(best.goodRange.upperBound)), near-best centre \
        \(FileReport.significant(best.nearBestCentre))
        """)
    } else {
      lines.append("  sweep: every learning rate diverged")
    }
    let width = max(outcomes.map(\.ruleID.count).max() ?? 4, 4)
    lines.append(
      "  " + "rule".padding(toLength: width, withPad: " ", startingAt: 0)
        + "  lr         decades  centre   val loss  regret    relative  good")
    for outcome in outcomes {
      var line = "  " + outcome.ruleID.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
      guard let rate = outcome.learningRate else {
        lines.append(line + "unavailable: \(outcome.unavailableReason ?? "no reason given")")
        continue
      }
      line += FileReport.significant(rate) + "  "
      line += Self.column(outcome.decadesFromBest.map { String(format: "%.2f", $0) }, 7)
      line += Self.column(outcome.decadesFromCentre.map { String(format: "%.2f", $0) }, 7)
      line += Self.column(outcome.validationLoss.map(SweepReport.loss), 8)
      line += Self.column(outcome.lossRegret.map(SweepReport.loss), 8)
      line += Self.column(outcome.relativeRegret.map { Self.percent($0) }, 8)
      line += outcome.isInGoodRange ? "yes" : "no"
      lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The report as one JSON object.
  ///
  /// The keys: `task`, `style`, `seed`, `points`, `tested_range`
  /// (`[low, high]`), `sweep` (as `lrlens sweep --json` prints it) and `outcomes`, one object
  /// per rule with `rule`, `lr`, `unavailable`, `val_loss`, `decades_from_best`,
  /// `decades_from_centre`, `loss_regret`,
  /// `relative_regret` and `in_good_range`. Missing and diverged values are null.
  ///
  /// - Returns: The JSON text on one line.
  /// - Throws: `LRLensError` of kind `.internalFailure` if the report cannot be encoded.
  package func jsonLine() throws(LRLensError) -> String {
    try JSONLine.encode(ValidationJSON(self))
  }

  private static func column(_ text: String?, _ width: Int) -> String {
    (text ?? "-").padding(toLength: width, withPad: " ", startingAt: 0) + "  "
  }

  /// A share as a percentage with one decimal, or `diverged` when infinite.
  static func percent(_ share: Double) -> String {
    share.isFinite ? String(format: "%.1f%%", share * 100) : "diverged"
  }
}

extension RegretTable {
  /// The table in Markdown: one row per rule with its failures, the median and 90th
  /// percentile distance to the best rate in decades and relative regret, the median loss
  /// regret, the share within 0.5 decades of the best rate, the median distance to the
  /// near-best centre and the share within 0.5 decades of it, and the share in the good range.
  ///
  /// - Returns: The Markdown table, ending with a newline.
  package func markdown() -> String {
    var lines = [
      "| rule | tasks | failures | median decades | p90 decades | median regret | p90 regret "
        + "| median loss regret | within 0.5 dec | median dec from centre | within 0.5 dec of centre "
        + "| in good range |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    func number(_ value: Double?, _ format: String) -> String {
      guard let value else { return "-" }
      return value.isFinite ? String(format: format, value) : "diverged"
    }
    for row in rows {
      let cells = [
        row.ruleID, "\(row.tasks)", "\(row.failures)", number(row.medianDecades, "%.2f"),
        number(row.p90Decades, "%.2f"),
        row.medianRelativeRegret.map(ValidationReport.percent) ?? "-",
        row.p90RelativeRegret.map(ValidationReport.percent) ?? "-",
        number(row.medianLossRegret, "%.4f"), ValidationReport.percent(row.withinHalfDecade),
        number(row.medianDecadesFromCentre, "%.2f"),
        ValidationReport.percent(row.withinHalfDecadeOfCentre),
        ValidationReport.percent(row.inGoodRange),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// `lrlens validate --json`: one object per task, snake_case keys, null for missing values.
private struct ValidationJSON: Encodable {
  struct Outcome: Encodable {
    var rule: String
    @NullWhenAbsent var lr: Double?
    @NullWhenAbsent var unavailable: String?
    @NullWhenAbsent var valLoss: Double?
    @NullWhenAbsent var decadesFromBest: Double?
    @NullWhenAbsent var decadesFromCentre: Double?
    @NullWhenAbsent var lossRegret: Double?
    @NullWhenAbsent var relativeRegret: Double?
    var inGoodRange: Bool

    init(_ outcome: ValidationReport.Outcome) {
      func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
      rule = outcome.ruleID
      lr = finite(outcome.learningRate)
      unavailable = outcome.unavailableReason
      valLoss = finite(outcome.validationLoss)
      decadesFromBest = finite(outcome.decadesFromBest)
      decadesFromCentre = finite(outcome.decadesFromCentre)
      lossRegret = finite(outcome.lossRegret)
      relativeRegret = finite(outcome.relativeRegret)
      inGoodRange = outcome.isInGoodRange
    }

    enum CodingKeys: String, CodingKey {
      case rule, lr, unavailable
      case valLoss = "val_loss"
      case decadesFromBest = "decades_from_best"
      case decadesFromCentre = "decades_from_centre"
      case lossRegret = "loss_regret"
      case relativeRegret = "relative_regret"
      case inGoodRange = "in_good_range"
    }
  }

  var task: String
  var style: String
  var seed: UInt64
  var points: Int
  var testedRange: [Double]
  var sweep: SweepJSON
  var outcomes: [Outcome]

  init(_ report: ValidationReport) {
    task = report.taskName
    style = report.style.rawValue
    seed = report.seed
    points = report.points
    testedRange = [report.testedRange.lowerBound, report.testedRange.upperBound]
    sweep = SweepJSON(report.sweep)
    outcomes = report.outcomes.map(Outcome.init)
  }

  enum CodingKeys: String, CodingKey {
    case task, style, seed, points, sweep, outcomes
    case testedRange = "tested_range"
  }
}
