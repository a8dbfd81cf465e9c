package import LRLensCore

/// The knobs of one range test: the learning-rate range, its length and spacing, the
/// discriminative multiplier, and optional overrides of the finder's smoothing and stop rule.
///
/// What each field means depends on the finder, exactly as in the framework:
///
/// | style | `iterations` | `endLearningRate` | `stepMode` |
/// |---|---|---|---|
/// | fastai | `num_it` (raised to 6 if smaller) | excluded from the grid | exponential only |
/// | torch-lr-finder | `num_iter` (≥ 2) | the last rate | both |
/// | Lightning | `num_training` | the last rate | both |
/// | ignite | `num_iter` | reached after `num_iter` steps | both |
/// | Keras | picks `epochs` if that is `nil` | sets the multiplier | exponential only |
/// | MXNet | a safety cap (the tutorial has none) | unused | exponential only (×`mxnetFactor`) |
package struct RangeTestSettings: Sendable, Hashable {
  /// How the learning rate grows between the start and the end.
  package enum StepMode: String, Sendable, Hashable, CaseIterable {
    /// Geometric spacing (`exp` in torch-lr-finder and ignite, `exponential` in Lightning).
    case exponential
    /// Even spacing (`linear`).
    case linear
  }

  /// The first learning rate of the last parameter group (group 1).
  package var startLearningRate: Double
  /// The learning rate the schedule aims at for group 1.
  package var endLearningRate: Double
  /// The number of iterations, as the style interprets it (see the table above).
  package var iterations: Int
  /// The spacing of the grid.
  package var stepMode: StepMode
  /// The factor applied to group 0's (the first layer's) learning rates.
  ///
  /// It gives discriminative learning rates; 1 gives both groups the same rate. Lightning and
  /// Keras have one rate for every parameter and ignore it, as the frameworks do.
  package var groupZeroMultiplier: Double
  /// Overrides the style's smoothing constant: fastai's and Lightning's `beta`, torch-lr-finder's
  /// and ignite's `smooth_f`, the MXNet criterion's `smoothing`; `nil` keeps the default.
  package var smoothing: Double?
  /// Overrides the style's divergence factor: fastai's and Lightning's 4, torch-lr-finder's and
  /// ignite's `diverge_th` 5, Keras's 4, MXNet's 2 (× the first loss); `nil` keeps the default.
  package var divergenceThreshold: Double?
  /// Whether the divergence test may stop the run (fastai `stop_div`, Lightning
  /// `early_stop_threshold=None` when false).
  package var stopsOnDivergence: Bool
  /// The Keras finder's `epochs`; `nil` picks the fewest epochs that give `iterations` batches.
  package var epochs: Int?
  /// The MXNet tutorial's `lr_multiplier`.
  package var mxnetFactor: Double

  /// Creates settings.
  ///
  /// - Parameters:
  ///   - startLearningRate: The first learning rate of group 1.
  ///   - endLearningRate: The learning rate the schedule aims at.
  ///   - iterations: The number of iterations, as the style interprets it.
  ///   - stepMode: The spacing of the grid.
  ///   - groupZeroMultiplier: The factor on group 0's rates.
  ///   - smoothing: The smoothing override, or `nil`.
  ///   - divergenceThreshold: The divergence factor override, or `nil`.
  ///   - stopsOnDivergence: Whether the divergence test may stop the run.
  ///   - epochs: The Keras epochs, or `nil`.
  ///   - mxnetFactor: The MXNet per-iteration factor.
  package init(
    startLearningRate: Double, endLearningRate: Double, iterations: Int,
    stepMode: StepMode = .exponential, groupZeroMultiplier: Double = 1, smoothing: Double? = nil,
    divergenceThreshold: Double? = nil, stopsOnDivergence: Bool = true, epochs: Int? = nil,
    mxnetFactor: Double = 1.1
  ) {
    self.startLearningRate = startLearningRate
    self.endLearningRate = endLearningRate
    self.iterations = iterations
    self.stepMode = stepMode
    self.groupZeroMultiplier = groupZeroMultiplier
    self.smoothing = smoothing
    self.divergenceThreshold = divergenceThreshold
    self.stopsOnDivergence = stopsOnDivergence
    self.epochs = epochs
    self.mxnetFactor = mxnetFactor
  }

  /// The task's finder range with the style's defaults for everything else.
  ///
  /// For MXNet, whose finder has no end, `iterations` becomes the number of ×`mxnetFactor` steps
  /// that carry the start past the task's end rate, so the cap only ends runs that never diverge.
  ///
  /// - Parameters:
  ///   - task: The task whose `finderRange` and `learningRateMultiplier` to use.
  ///   - style: The finder.
  package init(task: TrainingTask, style: FinderStyle) {
    let range = task.finderRange
    self.init(
      startLearningRate: range.startLearningRate, endLearningRate: range.endLearningRate,
      iterations: range.iterations, groupZeroMultiplier: task.learningRateMultiplier)
    if style == .mxnet {
      iterations = Self.mxnetIterations(
        from: range.startLearningRate, to: range.endLearningRate, factor: mxnetFactor,
        atLeast: range.iterations)
    }
  }

  /// The framework's own defaults (where it has none, the value its reference run used).
  ///
  /// fastai `lr_find()`: 1e-7 to 10, 100 iterations. torch-lr-finder `range_test`: the
  /// optimizer's rate (1e-7 here) to 10, 100. Lightning `lr_find()`: 1e-8 to 1, 100. ignite:
  /// the optimizer's rate (1e-7 here) to 10, 100. Keras (no defaults): 1e-6 to 10, 100 batches.
  /// MXNet tutorial: 1e-6 × 1.1 per iteration, capped at 500 iterations.
  ///
  /// - Parameter style: The finder.
  /// - Returns: The settings.
  package static func frameworkDefaults(for style: FinderStyle) -> RangeTestSettings {
    switch style {
    case .fastai, .torchLRFinder, .ignite:
      RangeTestSettings(startLearningRate: 1e-7, endLearningRate: 10, iterations: 100)
    case .lightning:
      RangeTestSettings(startLearningRate: 1e-8, endLearningRate: 1, iterations: 100)
    case .keras:
      RangeTestSettings(startLearningRate: 1e-6, endLearningRate: 10, iterations: 100)
    case .mxnet:
      RangeTestSettings(startLearningRate: 1e-6, endLearningRate: 10, iterations: 500)
    }
  }

  /// The number of steps of `factor` that take `start` to at least `end`, and at least `minimum`.
  private static func mxnetIterations(
    from start: Double, to end: Double, factor: Double, atLeast minimum: Int
  ) -> Int {
    guard start > 0, end > start, factor > 1 else { return minimum }
    let steps = (LibM.naturalLog(end / start) / LibM.naturalLog(factor)).rounded(.up)
    guard let count = Int(exactly: steps), count < 1_000_000 else { return minimum }
    return Swift.max(minimum, count + 1)
  }

  /// Checks the settings against what the style accepts.
  ///
  /// - Parameter style: The finder.
  /// - Throws: `LRLensError.Kind.usage` naming the setting when a rate is not positive and
  ///   finite, the end is not above the start, there are too few iterations, a factor is out of
  ///   range, or the style has no linear mode.
  package func validate(for style: FinderStyle) throws(LRLensError) {
    func fail(_ setting: String, _ problem: String, _ fix: String) -> LRLensError {
      LRLensError(
        .usage, at: InputLocation(path: "<range test>", detail: setting), problem: problem,
        fix: fix)
    }
    guard startLearningRate > 0, startLearningRate.isFinite else {
      throw fail(
        "start learning rate",
        "expected a positive start learning rate, found \(startLearningRate)",
        "pass a start learning rate above 0")
    }
    if style != .mxnet {
      guard endLearningRate.isFinite, endLearningRate > startLearningRate else {
        throw fail(
          "end learning rate",
          "expected an end learning rate above the start \(startLearningRate), "
            + "found \(endLearningRate)",
          "pass an end learning rate larger than the start")
      }
    }
    let minimum = style == .torchLRFinder ? 2 : 1
    guard iterations >= minimum, iterations <= 1_000_000 else {
      throw fail(
        "iterations", "expected \(minimum) to 1000000 iterations, found \(iterations)",
        "pass a number of iterations in that range")
    }
    guard groupZeroMultiplier > 0, groupZeroMultiplier.isFinite else {
      throw fail(
        "group 0 multiplier", "expected a positive multiplier, found \(groupZeroMultiplier)",
        "pass a multiplier above 0, such as 0.1")
    }
    if let smoothing {
      let limit = style == .fastai || style == .lightning ? "beta" : "smoothing factor"
      guard smoothing >= 0, smoothing < 1 else {
        throw fail(
          "smoothing", "expected a \(limit) in [0, 1), found \(smoothing)",
          "pass a value from 0 up to but not including 1")
      }
    }
    if let divergenceThreshold {
      guard divergenceThreshold >= 1, !divergenceThreshold.isNaN else {
        throw fail(
          "divergence threshold",
          "expected a divergence threshold of at least 1, found \(divergenceThreshold)",
          "pass a threshold such as 4 or 5")
      }
    }
    if let epochs {
      guard epochs >= 1, epochs <= 100_000 else {
        throw fail("epochs", "expected at least 1 epoch, found \(epochs)", "pass 1 or more epochs")
      }
    }
    guard mxnetFactor > 1, mxnetFactor.isFinite else {
      throw fail(
        "mxnet factor", "expected a per-iteration factor above 1, found \(mxnetFactor)",
        "pass a factor such as 1.1")
    }
    if stepMode == .linear, style == .fastai || style == .keras || style == .mxnet {
      throw fail(
        "step mode", "the \(style.rawValue) finder has only an exponential schedule, found linear",
        "use the exponential step mode with \(style.rawValue)")
    }
  }
}
