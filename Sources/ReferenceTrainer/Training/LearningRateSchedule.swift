internal import LRLensCore

/// The learning rate of a training run, step by step, for LR sweeps.
package enum LearningRateSchedule: Sendable, Hashable {
  /// The same rate at every step.
  case constant(Double)
  /// fastai's `fit_one_cycle` rate schedule (`OneCycleScheduler` defaults): cosine warm-up from
  /// `max / 25` to `max` over the first 25 % of the steps, then cosine annealing to
  /// `max / 10⁵`. Momentum is not cycled.
  case oneCycle(maxLearningRate: Double)

  /// The highest rate the schedule reaches.
  package var peakLearningRate: Double {
    switch self {
    case .constant(let rate): rate
    case .oneCycle(let maximum): maximum
    }
  }

  /// The rate at a step.
  ///
  /// - Parameters:
  ///   - step: The 0-based step.
  ///   - totalSteps: The number of steps of the run.
  /// - Returns: The learning rate of group 1 at that step.
  package func learningRate(step: Int, totalSteps: Int) -> Double {
    switch self {
    case .constant(let rate):
      return rate
    case .oneCycle(let maximum):
      // Matches fastai fastai/callback/schedule.py@0a049e8a90b8 (fit_one_cycle, combined_cos):
      // position step/total, phases split at pct_start = 0.25, SchedCos(start, end)(p) = start + (1
      // + cos(π(1 − p))) (end − start) / 2, from lr_max/div (div = 25) up to lr_max and down to
      // lr_max/div_final (div_final = 1e5).
      let position = totalSteps > 0 ? Double(step) / Double(totalSteps) : 0
      let split = 0.25
      func cosine(_ start: Double, _ end: Double, _ fraction: Double) -> Double {
        start + (1 + LibM.cosine(Double.pi * (1 - fraction))) * (end - start) / 2
      }
      if position < split {
        return cosine(maximum / 25, maximum, position / split)
      }
      return cosine(maximum, maximum / 1e5, (position - split) / (1 - split))
    }
  }
}
