internal import LRLensCore
package import ReferenceTrainer

/// How each run of a sweep uses its learning rate.
package enum SweepSchedule: String, Sendable, Hashable, CaseIterable {
  /// Train at the rate throughout (`LearningRateSchedule.constant`).
  case constant
  /// Use the rate as the peak of fastai's one-cycle schedule (`LearningRateSchedule.oneCycle`).
  case oneCycle = "one-cycle"

  /// The schedule of one run.
  ///
  /// - Parameter learningRate: The sweep point's rate.
  /// - Returns: The schedule.
  package func schedule(_ learningRate: Double) -> LearningRateSchedule {
    switch self {
    case .constant: .constant(learningRate)
    case .oneCycle: .oneCycle(maxLearningRate: learningRate)
    }
  }
}

extension TrainingTask {
  /// `count` rates evenly spaced in log scale from `lower` to `upper`, both included.
  ///
  /// - Parameters:
  ///   - lower: The smallest rate, positive.
  ///   - upper: The largest rate, at least `lower`.
  ///   - count: The number of rates; 1 gives `[lower]`, 0 or less gives `[]`.
  /// - Returns: The rates, increasing.
  package static func logSpacedLearningRates(from lower: Double, to upper: Double, count: Int)
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
