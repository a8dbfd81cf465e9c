import Foundation
import LRLens
import LRLensTestSupport

/// The synthetic benchmark's table: per family and answer, the median and 90th-percentile
/// distance in decades from the ground truth and the no-answer count, then totals.
///
/// `LRLensAnalysisTests/RecommendAccuracyTests` asserts on the same numbers.
///
/// - Parameter perFamily: Curves per family.
/// - Returns: The table, one line per family and total.
func recommendTable(perFamily: Int) -> String {
  let columns = ["recommend"] + SuggesterRegistry.reportOrder
  let outcomes = SyntheticBenchmark.outcomes(perFamily: perFamily) { curve in
    let analysis = Analyzer.analyze(curve, settings: AnalysisOptions().settings(for: curve).0)
    return (
      analysis.recommendation.learningRate,
      analysis.results.map { ($0.id, $0.suggestion.value?.learningRate) }
    )
  }
  func format(_ value: Double) -> String {
    value.isFinite ? String(format: "%.2f", value) : "  -"
  }
  func pad(_ text: String, _ width: Int) -> String {
    text.padding(toLength: width, withPad: " ", startingAt: 0)
  }
  var lines = [pad("family", 15) + columns.map { pad($0, 16) }.joined()]
  for (kind, rows) in outcomes {
    lines.append(
      pad(kind.rawValue, 15)
        + columns.map { column in
          let summary = DistanceSummary(rows, column: column)
          return pad("\(format(summary.median))/\(format(summary.p90)) \(summary.missing)", 16)
        }.joined())
  }
  let all = outcomes.flatMap(\.outcomes)
  let totals: [(String, (DistanceSummary) -> String)] = [
    ("median", { format($0.median) }), ("p90", { format($0.p90) }),
    ("no answer", { "\($0.missing)" }), (">0.5 decade", { "\($0.beyondHalf)" }),
    (">1 decade", { "\($0.beyondOne)" }),
  ]
  for (label, value) in totals {
    lines.append(
      pad("ALL \(label)", 15)
        + columns.map { pad(value(DistanceSummary(all, column: $0)), 16) }.joined())
  }
  let noTruth = all.filter { $0.curve.truth == nil }
  lines.append(
    "\(all.count - noTruth.count) curves with a ground truth; cells are median/p90 decades and "
      + "the no-answer count; recommend answered "
      + "\(noTruth.filter(\.answeredWithoutTruth).count) of \(noTruth.count) curves without one")
  return lines.joined(separator: "\n") + "\n"
}
