internal import LRLensAnalysis
public import LRLensCore

/// One point of a learning-rate sweep: the rate trained with and how training went.
public struct SweepPoint: Sendable, Hashable {
  /// The constant rate, or the one-cycle peak rate.
  public var learningRate: Double
  /// The outcome of the run.
  public var result: TrainingResult

  /// Creates a point.
  ///
  /// - Parameters:
  ///   - learningRate: The rate trained with.
  ///   - result: The outcome of the run.
  public init(learningRate: Double, result: TrainingResult) {
    self.learningRate = learningRate
    self.result = result
  }
}

/// How each run of a sweep uses its learning rate.
public enum SweepSchedule: String, Sendable, Hashable, CaseIterable {
  /// Train at the rate throughout (`LearningRateSchedule.constant`).
  case constant
  /// Use the rate as the peak of fastai's one-cycle schedule (`LearningRateSchedule.oneCycle`).
  case oneCycle = "one-cycle"

  /// The schedule of one run.
  ///
  /// - Parameter learningRate: The sweep point's rate.
  /// - Returns: The schedule.
  public func schedule(_ learningRate: Double) -> LearningRateSchedule {
    switch self {
    case .constant: .constant(learningRate)
    case .oneCycle: .oneCycle(maxLearningRate: learningRate)
    }
  }
}

extension TrainingTask {
  /// Trains the task once per learning rate, each run from the same seeded initial weights and
  /// batch order, to find which rates actually train well.
  ///
  /// - Parameters:
  ///   - learningRates: The rates to try, each positive and finite.
  ///   - seed: The seed shared by every run.
  ///   - steps: The number of batches of each run.
  ///   - schedule: Whether each rate is held constant or is a one-cycle peak.
  /// - Returns: One point per rate, in the order given.
  /// - Throws: `LRLensError.Kind.usage` when the task does not validate, `steps` is not
  ///   positive, or a rate is not positive and finite.
  public func sweep(
    learningRates: [Double], seed: UInt64, steps: Int, schedule: SweepSchedule = .constant
  ) throws(LRLensError) -> [SweepPoint] {
    var points: [SweepPoint] = []
    points.reserveCapacity(learningRates.count)
    for rate in learningRates {
      let result = try train(seed: seed, schedule: schedule.schedule(rate), steps: steps)
      points.append(SweepPoint(learningRate: rate, result: result))
    }
    return points
  }

  /// `count` rates evenly spaced in log scale from `lower` to `upper`, both included.
  ///
  /// - Parameters:
  ///   - lower: The smallest rate, positive.
  ///   - upper: The largest rate, at least `lower`.
  ///   - count: The number of rates; 1 gives `[lower]`, 0 or less gives `[]`.
  /// - Returns: The rates, increasing.
  public static func logSpacedLearningRates(from lower: Double, to upper: Double, count: Int)
    -> [Double]
  {
    guard count > 0, lower > 0, upper >= lower, upper.isFinite else { return [] }
    guard count > 1 else { return [lower] }
    let lowerLog = LibM.naturalLog(lower)
    let span = LibM.naturalLog(upper) - lowerLog
    return (0..<count).map { index in
      switch index {
      case 0: lower
      case count - 1: upper
      default: LibM.exponential(lowerLog + span * Double(index) / Double(count - 1))
      }
    }
  }
}

extension Array where Element == SweepPoint {
  /// The point with the lowest validation loss (the first on ties); diverged runs never win.
  ///
  /// - Returns: The point, or `nil` if every run diverged or the sweep is empty.
  public func bestByValidationLoss() -> SweepPoint? {
    var best: SweepPoint?
    for point in self where !point.result.diverged && point.result.validationLoss.isFinite {
      if point.result.validationLoss < best?.result.validationLoss ?? .infinity {
        best = point
      }
    }
    return best
  }
}
