internal import Foundation

extension ValidationReport {
  /// The report as a table: the range test and the sweep's best rate, then one line per rule
  /// with its suggestion, its distance from the best in decades, the validation loss training
  /// at it gave, and its regret.
  ///
  /// - Returns: The text, ending with a newline.
  public func text() -> String {
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
        \(FileReport.significant(best.goodRange.upperBound))
        """)
    } else {
      lines.append("  sweep: every learning rate diverged")
    }
    let width = max(outcomes.map(\.ruleID.count).max() ?? 4, 4)
    lines.append(
      "  " + "rule".padding(toLength: width, withPad: " ", startingAt: 0)
        + "  lr         decades  val loss  regret    relative  good")
    for outcome in outcomes {
      var line = "  " + outcome.ruleID.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
      guard let rate = outcome.learningRate else {
        lines.append(line + "unavailable: \(outcome.unavailableReason ?? "no reason given")")
        continue
      }
      line += FileReport.significant(rate) + "  "
      line += Self.column(outcome.decadesFromBest.map { String(format: "%.2f", $0) }, 7)
      line += Self.column(outcome.validationLoss.map(SweepReport.loss), 8)
      line += Self.column(outcome.lossRegret.map(SweepReport.loss), 8)
      line += Self.column(outcome.relativeRegret.map { Self.percent($0) }, 8)
      line += outcome.isInGoodRange ? "yes" : "no"
      lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
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
  /// regret, and the shares within 0.5 decades and in the good range.
  ///
  /// - Returns: The Markdown table, ending with a newline.
  public func markdown() -> String {
    var lines = [
      "| rule | tasks | failures | median decades | p90 decades | median regret | p90 regret "
        + "| median loss regret | within 0.5 dec | in good range |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
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
        ValidationReport.percent(row.inGoodRange),
      ]
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
