internal import Foundation
internal import LRLens
package import LRLensCore

extension SweepReport {
  /// The report as one JSON object.
  ///
  /// The keys: `task`, `steps`, `seeds`, `tolerance`,
  /// `initial_val_loss`, `best_lr`, `best_val_loss`, `good_range` (`[low, high]`),
  /// `near_best_centre` (the geometric centre of the rates within 2 % of the best's
  /// improvement), `one_cycle` (the same four for one-cycle schedules, or null) and `results`, one object
  /// per rate and schedule (`lr`, `schedule`, `train_loss`, `val_loss`, `val_accuracy`,
  /// `diverged_runs`, `good`, and the per-seed `val_losses`). Diverged losses are null.
  ///
  /// - Returns: The JSON text on one line.
  /// - Throws: `LRLensError` of kind `.internalFailure` if the report cannot be encoded.
  package func jsonLine() throws(LRLensError) -> String {
    try JSONLine.encode(SweepJSON(self))
  }

  /// The per-rate results as CSV: `schedule,lr,train_loss,val_loss,val_accuracy,diverged_runs,good`,
  /// with `inf` for diverged means and an empty accuracy for regression.
  ///
  /// - Returns: The CSV text with a header line, ending with a newline.
  package func csv() -> String {
    var lines = ["schedule,lr,train_loss,val_loss,val_accuracy,diverged_runs,good"]
    for row in rows {
      let accuracy = row.validationAccuracies.map { "\(SweepReport.mean($0))" } ?? ""
      lines.append(
        "\(row.schedule.rawValue),\(row.learningRate),\(row.meanTrainingLoss),"
          + "\(row.meanValidationLoss),\(accuracy),\(row.divergedRuns),\(row.isGood)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The report as a table: one line per rate with both schedules' mean validation losses,
  /// the good rates starred, then the best rate and the good range.
  ///
  /// - Returns: The text, ending with a newline.
  package func text() -> String {
    var lines = [
      """
      \(taskName): \(settings.learningRates.count) learning rates × \(settings.seeds.count) \
      seeds × \(settings.steps) batches; untrained validation loss \
      \(Self.loss(initialValidationLoss))
      """,
      "  lr         constant val loss\(bestOneCycle == nil ? "" : "   one-cycle val loss")",
    ]
    let constant = rows.filter { $0.schedule == .constant }
    let oneCycle = rows.filter { $0.schedule == .oneCycle }
    for (index, row) in constant.enumerated() {
      var line = "  \(FileReport.significant(row.learningRate))   "
      line += Self.cell(row)
      if index < oneCycle.count {
        line += "   " + Self.cell(oneCycle[index])
      }
      lines.append(String(line.reversed().drop(while: { $0 == " " }).reversed()))
    }
    lines.append(
      "  (* = good: keeps ≥ \(Int(((1 - settings.tolerance) * 100).rounded()))% of the best's improvement)"
    )
    lines.append(Self.optimumLine("best constant lr", best))
    if settings.includesOneCycle {
      lines.append(Self.optimumLine("best one-cycle max lr", bestOneCycle))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func cell(_ row: Row) -> String {
    let text = loss(row.meanValidationLoss) + (row.isGood ? " *" : "  ")
    return text.padding(toLength: 18, withPad: " ", startingAt: 0)
  }

  private static func optimumLine(_ title: String, _ optimum: Optimum?) -> String {
    guard let optimum else { return "\(title): none (every rate diverged)" }
    return """
      \(title): \(FileReport.significant(optimum.learningRate)) (val loss \
      \(loss(optimum.validationLoss))), good range \
      \(FileReport.significant(optimum.goodRange.lowerBound))–\
      \(FileReport.significant(optimum.goodRange.upperBound)), near-best centre \
      \(FileReport.significant(optimum.nearBestCentre))
      """
  }

  /// A loss with 4 significant digits, or `diverged`.
  static func loss(_ value: Double) -> String {
    value.isFinite ? String(format: "%.4g", value) : "diverged"
  }
}

/// `lrlens sweep --json`, with snake_case keys and null for diverged losses.
struct SweepJSON: Encodable {
  struct Optimum: Encodable {
    var bestLR: Double
    var bestValLoss: Double
    var goodRange: [Double]
    var nearBestCentre: Double

    init(_ optimum: SweepReport.Optimum) {
      bestLR = optimum.learningRate
      bestValLoss = optimum.validationLoss
      goodRange = [optimum.goodRange.lowerBound, optimum.goodRange.upperBound]
      nearBestCentre = optimum.nearBestCentre
    }

    enum CodingKeys: String, CodingKey {
      case bestLR = "best_lr"
      case bestValLoss = "best_val_loss"
      case goodRange = "good_range"
      case nearBestCentre = "near_best_centre"
    }
  }

  struct Result: Encodable {
    var lr: Double
    var schedule: String
    @NullWhenAbsent var trainLoss: Double?
    @NullWhenAbsent var valLoss: Double?
    @NullWhenAbsent var valAccuracy: Double?
    var divergedRuns: Int
    var good: Bool
    var valLosses: [Double?]

    enum CodingKeys: String, CodingKey {
      case lr, schedule, good
      case trainLoss = "train_loss"
      case valLoss = "val_loss"
      case valAccuracy = "val_accuracy"
      case divergedRuns = "diverged_runs"
      case valLosses = "val_losses"
    }
  }

  var task: String
  var steps: Int
  var seeds: [UInt64]
  var tolerance: Double
  var initialValLoss: Double?
  var best: Optimum?
  var oneCycle: Optimum?
  var results: [Result]

  init(_ report: SweepReport) {
    func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
    task = report.taskName
    steps = report.settings.steps
    seeds = report.settings.seeds
    tolerance = report.settings.tolerance
    initialValLoss = finite(report.initialValidationLoss)
    best = report.best.map(Optimum.init)
    oneCycle = report.bestOneCycle.map(Optimum.init)
    results = report.rows.map { row in
      Result(
        lr: row.learningRate, schedule: row.schedule.rawValue,
        trainLoss: finite(row.meanTrainingLoss), valLoss: finite(row.meanValidationLoss),
        valAccuracy: row.validationAccuracies.map(SweepReport.mean), divergedRuns: row.divergedRuns,
        good: row.isGood, valLosses: row.validationLosses.map(finite))
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(task, forKey: .task)
    try container.encode(steps, forKey: .steps)
    try container.encode(seeds, forKey: .seeds)
    try container.encode(tolerance, forKey: .tolerance)
    try container.encode(initialValLoss, forKey: .initialValLoss)
    try container.encode(best?.bestLR, forKey: .bestLR)
    try container.encode(best?.bestValLoss, forKey: .bestValLoss)
    try container.encode(best?.goodRange, forKey: .goodRange)
    try container.encode(best?.nearBestCentre, forKey: .nearBestCentre)
    try container.encode(oneCycle, forKey: .oneCycle)
    try container.encode(results, forKey: .results)
  }

  enum CodingKeys: String, CodingKey {
    case task, steps, seeds, tolerance, results
    case initialValLoss = "initial_val_loss"
    case bestLR = "best_lr"
    case bestValLoss = "best_val_loss"
    case goodRange = "good_range"
    case nearBestCentre = "near_best_centre"
    case oneCycle = "one_cycle"
  }
}
