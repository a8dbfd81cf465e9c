package import LRLensCore
internal import LRLensIO
package import ReferenceTrainer

/// The ground truth of an LR sweep: how well each learning rate trains, averaged over seeds,
/// the best rate and the range of good rates.
package struct SweepReport: Sendable, Equatable {
  /// One learning rate under one schedule, over every seed.
  package struct Row: Sendable, Equatable {
    /// The constant rate, or the one-cycle peak.
    package var learningRate: Double
    /// The schedule.
    package var schedule: SweepSchedule
    /// The final training loss of each seed's run (+∞ when it diverged).
    package var trainingLosses: [Double]
    /// The validation loss of each seed's run (+∞ when it diverged).
    package var validationLosses: [Double]
    /// The validation accuracy of each seed's run, for classification tasks.
    package var validationAccuracies: [Double]?
    /// Whether the row's mean validation loss is within the tolerance of the best.
    package var isGood: Bool

    /// The mean final training loss over seeds (+∞ if any run diverged).
    package var meanTrainingLoss: Double { SweepReport.mean(trainingLosses) }
    /// The mean validation loss over seeds (+∞ if any run diverged).
    package var meanValidationLoss: Double { SweepReport.mean(validationLosses) }
    /// How many seeds' runs diverged.
    package var divergedRuns: Int { validationLosses.filter { !$0.isFinite }.count }
  }

  /// The best rate of one schedule and the span of good rates around it.
  package struct Optimum: Sendable, Equatable {
    /// The grid rate with the lowest mean validation loss (the lower rate on ties).
    package var learningRate: Double
    /// Its mean validation loss.
    package var validationLoss: Double
    /// The lowest and highest rates of the unbroken run of good grid rates around the best.
    package var goodRange: ClosedRange<Double>
    /// The geometric centre of the unbroken run of grid rates around the best whose mean
    /// validation loss gives up at most ``SweepReport/nearBestTolerance`` of the best's
    /// improvement: a best rate that grid noise moves less than the argmin on a flat optimum.
    package var nearBestCentre: Double
  }

  /// The share of the best's improvement over the untrained model that a rate may give up and
  /// still count towards ``Optimum/nearBestCentre``.
  package static let nearBestTolerance = 0.02

  /// The task's name.
  package var taskName: String
  /// The settings the sweep ran with.
  package var settings: SweepSettings
  /// The untrained model's validation loss, averaged over seeds.
  package var initialValidationLoss: Double
  /// Every (rate, schedule) row: the constant schedule's rows first, in grid order.
  package var rows: [Row]
  /// The constant schedule's optimum, or `nil` when every rate diverged.
  package var best: Optimum?
  /// The one-cycle schedule's optimum, when it was swept and did not always diverge.
  package var bestOneCycle: Optimum?

  /// Runs a sweep: trains the task at every grid rate, for every seed and schedule, in
  /// parallel on all cores; every run is independent, so the report does not depend on the
  /// order they finish in.
  ///
  /// - Parameters:
  ///   - task: The task.
  ///   - settings: The grid, seeds, budget and tolerance.
  /// - Returns: The report.
  /// - Throws: `LRLensError.Kind.usage` when the task or the settings do not validate.
  package static func run(task: TrainingTask, settings: SweepSettings) throws(LRLensError)
    -> SweepReport
  {
    try settings.validate()
    try task.validate()
    let schedules: [SweepSchedule] =
      settings.includesOneCycle ? [.constant, .oneCycle] : [.constant]
    let jobs = schedules.flatMap { schedule in
      settings.learningRates.flatMap { rate in settings.seeds.map { (schedule, rate, $0) } }
    }
    let results = try ParallelMap.map(jobs) { job throws(LRLensError) in
      try task.train(seed: job.2, schedule: job.0.schedule(job.1), steps: settings.steps)
    }
    let initial = try settings.seeds.map { seed throws(LRLensError) in
      let session = try TrainingSession(task: task, seed: seed, policy: .epochs(dropsLast: false))
      return session.network.evaluate(session.validation).loss
    }
    var rows: [Row] = []
    var offset = 0
    for schedule in schedules {
      for rate in settings.learningRates {
        let runs = results[offset..<offset + settings.seeds.count]
        offset += settings.seeds.count
        let accuracies = runs.compactMap(\.validationAccuracy)
        rows.append(
          Row(
            learningRate: rate, schedule: schedule, trainingLosses: runs.map(\.finalTrainingLoss),
            validationLosses: runs.map(\.validationLoss),
            validationAccuracies: accuracies.count == runs.count ? accuracies : nil,
            isGood: false))
      }
    }
    var report = SweepReport(
      taskName: task.name, settings: settings, initialValidationLoss: mean(initial), rows: rows)
    report.best = report.markOptimum(of: .constant)
    report.bestOneCycle = settings.includesOneCycle ? report.markOptimum(of: .oneCycle) : nil
    return report
  }

  /// The mean of some losses, +∞ if any is not finite, NaN when there are none.
  ///
  /// - Parameter values: The losses.
  /// - Returns: Their mean.
  package static func mean(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    guard values.allSatisfy(\.isFinite) else { return .infinity }
    return values.reduce(0, +) / Double(values.count)
  }

  /// Finds a schedule's best row, marks the good rows around it and returns the optimum.
  private mutating func markOptimum(of schedule: SweepSchedule) -> Optimum? {
    let indices = rows.indices.filter { rows[$0].schedule == schedule }
    var bestIndex: Int?
    for index in indices where rows[index].meanValidationLoss.isFinite {
      if rows[index].meanValidationLoss < bestIndex.map({ rows[$0].meanValidationLoss })
        ?? .infinity
      {
        bestIndex = index
      }
    }
    guard let bestIndex, let position = indices.firstIndex(of: bestIndex) else { return nil }
    let bestLoss = rows[bestIndex].meanValidationLoss
    let improvement = Swift.max(initialValidationLoss - bestLoss, 0)
    /// The first and last positions of the unbroken run around the best within a tolerance.
    func run(within tolerance: Double) -> (low: Int, high: Int) {
      let threshold = bestLoss + tolerance * improvement
      func isWithin(_ place: Int) -> Bool { rows[indices[place]].meanValidationLoss <= threshold }
      var low = position
      while low > 0 && isWithin(low - 1) { low -= 1 }
      var high = position
      while high < indices.count - 1 && isWithin(high + 1) { high += 1 }
      return (low, high)
    }
    let good = run(within: settings.tolerance)
    for place in good.low...good.high { rows[indices[place]].isGood = true }
    let near = run(within: Self.nearBestTolerance)
    let centre = LibM.power10(
      (LibM.log10(rows[indices[near.low]].learningRate)
        + LibM.log10(rows[indices[near.high]].learningRate)) / 2)
    return Optimum(
      learningRate: rows[bestIndex].learningRate, validationLoss: bestLoss,
      goodRange: rows[indices[good.low]].learningRate...rows[indices[good.high]].learningRate,
      nearBestCentre: centre)
  }
}
