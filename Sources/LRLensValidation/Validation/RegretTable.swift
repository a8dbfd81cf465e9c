/// Every rule's regret over many validated tasks: the quality benchmark of the rules.
package struct RegretTable: Sendable, Equatable {
  /// One rule's statistics over the tasks.
  package struct Row: Sendable, Equatable {
    /// The rule id.
    package var ruleID: String
    /// The number of tasks.
    package var tasks: Int
    /// How many tasks the rule gave no suggestion on.
    package var failures: Int
    /// The median, over tasks with a suggestion, of the distance to the best rate in decades.
    package var medianDecades: Double?
    /// The 90th percentile of that distance.
    package var p90Decades: Double?
    /// The median relative regret (share of the achievable improvement lost).
    package var medianRelativeRegret: Double?
    /// The 90th percentile of the relative regret.
    package var p90RelativeRegret: Double?
    /// The median regret in loss units.
    package var medianLossRegret: Double?
    /// The share of all tasks (failures count as misses) with a suggestion within 0.5 decades
    /// of the best rate.
    package var withinHalfDecade: Double
    /// The median, over tasks with a suggestion, of the distance in decades to the sweep's
    /// near-best centre (``SweepReport/Optimum/nearBestCentre``).
    package var medianDecadesFromCentre: Double?
    /// The share of all tasks (failures count as misses) with a suggestion within 0.5 decades
    /// of the near-best centre.
    package var withinHalfDecadeOfCentre: Double
    /// The share of all tasks with a suggestion in the sweep's good range.
    package var inGoodRange: Double
  }

  /// One row per rule, in the order the rules first appear in the reports.
  package var rows: [Row]

  /// Summarises validation reports.
  ///
  /// - Parameter reports: One report per task.
  package init(_ reports: [ValidationReport]) {
    var order: [String] = []
    var outcomes: [String: [ValidationReport.Outcome]] = [:]
    for report in reports {
      for outcome in report.outcomes {
        if outcomes[outcome.ruleID] == nil { order.append(outcome.ruleID) }
        outcomes[outcome.ruleID, default: []].append(outcome)
      }
    }
    rows = order.map { id in
      let all = outcomes[id] ?? []
      let answered = all.filter { $0.decadesFromBest != nil }
      let decades = answered.compactMap(\.decadesFromBest)
      let relative = answered.compactMap(\.relativeRegret)
      let loss = answered.compactMap(\.lossRegret)
      let fromCentre = answered.compactMap(\.decadesFromCentre)
      let count = Double(max(all.count, 1))
      return Row(
        ruleID: id, tasks: all.count, failures: all.count - answered.count,
        medianDecades: Self.percentile(decades, 0.5), p90Decades: Self.percentile(decades, 0.9),
        medianRelativeRegret: Self.percentile(relative, 0.5),
        p90RelativeRegret: Self.percentile(relative, 0.9),
        medianLossRegret: Self.percentile(loss, 0.5),
        withinHalfDecade: Double(decades.filter { $0 <= 0.5 }.count) / count,
        medianDecadesFromCentre: Self.percentile(fromCentre, 0.5),
        withinHalfDecadeOfCentre: Double(fromCentre.filter { $0 <= 0.5 }.count) / count,
        inGoodRange: Double(all.filter(\.isInGoodRange).count) / count)
    }
  }

  /// A percentile with linear interpolation between order statistics (NumPy's default).
  ///
  /// +∞ values sort last and make the percentiles that reach them +∞.
  ///
  /// - Parameters:
  ///   - values: The sample; NaNs are ignored.
  ///   - fraction: The percentile as a fraction, from 0 to 1.
  /// - Returns: The percentile, or `nil` for an empty sample.
  /// - Complexity: O(n log n).
  static func percentile(_ values: [Double], _ fraction: Double) -> Double? {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard let first = sorted.first else { return nil }
    guard sorted.count > 1 else { return first }
    let position = fraction * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let weight = position - Double(lower)
    if weight == 0 || sorted[lower] == sorted[upper] { return sorted[lower] }
    return sorted[lower] + (sorted[upper] - sorted[lower]) * weight
  }
}
