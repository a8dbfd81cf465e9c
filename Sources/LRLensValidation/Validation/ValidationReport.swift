internal import LRLensAnalysis
package import LRLensCore
internal import LRLensIO
package import ReferenceTrainer

/// How good each rule's suggestion is, measured by training: the range test, every rule's
/// suggestion on it, the LR sweep, and each rule's regret.
package struct ValidationReport: Sendable, Equatable {
  /// One rule's suggestion and what training at it gave.
  package struct Outcome: Sendable, Equatable {
    /// The rule id.
    package var ruleID: String
    /// The suggested learning rate, or `nil` when the rule was unavailable.
    package var learningRate: Double?
    /// Why the rule was unavailable.
    package var unavailableReason: String?
    /// The mean validation loss of constant-rate training at the suggestion (same seeds and
    /// budget as the sweep; +∞ when it diverged).
    package var validationLoss: Double?
    /// `|log10(suggested / best)|`: how many decades the suggestion is from the sweep's best.
    package var decadesFromBest: Double?
    /// `|log10(suggested / centre)|`: how many decades the suggestion is from the sweep's
    /// near-best centre (``SweepReport/Optimum/nearBestCentre``).
    package var decadesFromCentre: Double?
    /// `validationLoss − best`: how much worse than the best rate training at the suggestion
    /// ends (0 at best, +∞ when it diverged).
    package var lossRegret: Double?
    /// `lossRegret / (initial − best)`: the share of the achievable improvement lost, which
    /// compares across tasks with different loss scales.
    package var relativeRegret: Double?
    /// Whether the suggestion lies in the sweep's good range.
    package var isInGoodRange: Bool
  }

  /// The id lrlens's own recommendation goes by in ``outcomes``.
  package static let recommendID = "recommend"

  /// The task's name.
  package var taskName: String
  /// The finder style of the range test.
  package var style: FinderStyle
  /// The range test the rules read.
  package var rangeTest: RangeTestRecord
  /// The sweep's ground truth.
  package var sweep: SweepReport
  /// lrlens's recommendation (id ``recommendID``, a refusal counting as unavailable), then each
  /// rule's outcome in report order.
  package var outcomes: [Outcome]

  /// The range test's seed.
  package var seed: UInt64 { rangeTest.seed }
  /// The number of points the range test recorded.
  package var points: Int { rangeTest.learningRates.count }
  /// The tested learning-rate range, from the smallest to the largest recorded rate.
  package var testedRange: ClosedRange<Double> {
    let rates = rangeTest.learningRates
    return (rates.min() ?? 0)...(rates.max() ?? 0)
  }

  /// Validates every rule on a task.
  ///
  /// Runs the range test (`style`, `seed`), analyses it with lrlens's defaults (every rule,
  /// skip `min(10, n/10)` and `min(5, n/20)` points, smoothing only raw losses, and the
  /// recommendation), sweeps the task, then trains at each distinct suggestion with the
  /// sweep's seeds and budget.
  ///
  /// - Parameters:
  ///   - task: The task.
  ///   - style: The finder to imitate.
  ///   - seed: The range test's seed.
  ///   - sweepSettings: The sweep's grid, seeds, budget and tolerance.
  /// - Returns: The report.
  /// - Throws: `LRLensError.Kind.usage` when the task or settings do not validate.
  package static func run(
    task: TrainingTask, style: FinderStyle, seed: UInt64, sweepSettings: SweepSettings
  ) throws(LRLensError) -> ValidationReport {
    let record = try task.rangeTest(style: style, seed: seed)
    let curve = record.lossCurve(path: "\(task.name) (\(style.rawValue), seed \(seed))")
    let (settings, _) = AnalysisOptions().settings(for: curve)
    let analysis = Analyzer.analyze(curve, settings: settings)
    let sweep = try SweepReport.run(task: task, settings: sweepSettings)
    let recommendation = analysis.recommendation
    let suggestions =
      analysis.results.compactMap { $0.suggestion.value?.learningRate }
      + [recommendation.learningRate].compactMap { $0 }
    let rates = Array(Set(suggestions.filter { $0 > 0 && $0.isFinite })).sorted()
    let losses = try ParallelMap.map(rates) { rate throws(LRLensError) in
      SweepReport.mean(
        try sweepSettings.seeds.map { seed throws(LRLensError) in
          try task.train(seed: seed, schedule: .constant(rate), steps: sweepSettings.steps)
            .validationLoss
        })
    }
    let lossAt = Dictionary(uniqueKeysWithValues: zip(rates, losses))
    let recommended: Suggestion =
      recommendation.learningRate.map { rate in
        .suggested(SuggestedLearningRate(learningRate: rate, index: 0, loss: .nan))
      } ?? .unavailable(reason: recommendation.reason)
    let answers = [(recommendID, recommended)] + analysis.results.map { ($0.id, $0.suggestion) }
    let outcomes = answers.map { id, suggestion in
      outcome(id: id, suggestion, lossAt: lossAt, sweep: sweep)
    }
    return ValidationReport(
      taskName: task.name, style: style, rangeTest: record, sweep: sweep, outcomes: outcomes)
  }

  private static func outcome(
    id: String, _ suggestion: Suggestion, lossAt: [Double: Double], sweep: SweepReport
  ) -> Outcome {
    switch suggestion {
    case .unavailable(let reason):
      return Outcome(
        ruleID: id, learningRate: nil, unavailableReason: reason, validationLoss: nil,
        decadesFromBest: nil, decadesFromCentre: nil, lossRegret: nil, relativeRegret: nil,
        isInGoodRange: false)
    case .suggested(let value):
      let rate = value.learningRate
      let loss = lossAt[rate]
      guard let best = sweep.best, rate > 0, rate.isFinite, let loss else {
        return Outcome(
          ruleID: id, learningRate: rate, unavailableReason: nil, validationLoss: loss,
          decadesFromBest: nil, decadesFromCentre: nil, lossRegret: nil, relativeRegret: nil,
          isInGoodRange: false)
      }
      let regret = Swift.max(loss - best.validationLoss, 0)
      let achievable = sweep.initialValidationLoss - best.validationLoss
      return Outcome(
        ruleID: id, learningRate: rate, unavailableReason: nil, validationLoss: loss,
        decadesFromBest: abs(LibM.log10(rate) - LibM.log10(best.learningRate)),
        decadesFromCentre: abs(LibM.log10(rate) - LibM.log10(best.nearBestCentre)),
        lossRegret: regret, relativeRegret: achievable > 0 ? regret / achievable : nil,
        isInGoodRange: best.goodRange.contains(rate))
    }
  }
}
