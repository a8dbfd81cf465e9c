package import LRLensCore

extension TrainingTask {
  /// Trains the task from its seeded initial weights with a fixed learning-rate schedule.
  ///
  /// Group 1 follows `schedule`; group 0 (the first layer) gets `learningRateMultiplier` times
  /// that rate. Batches come from a seeded shuffle, reshuffled each epoch, the last partial
  /// batch kept. The same seed gives the same initial weights and batch order whatever the
  /// schedule, so runs at different rates are comparable. A loss or weight that becomes NaN or
  /// infinite ends the run: it reports `diverged` and +∞ losses, and never traps.
  ///
  /// - Parameters:
  ///   - seed: The seed of the initial weights and the batch order.
  ///   - schedule: The learning rate per step.
  ///   - steps: The number of batches to train, at least 1.
  /// - Returns: The final training loss (the mean over the last epoch's worth of batches), the
  ///   validation loss and accuracy, and every batch loss.
  /// - Throws: `LRLensError.Kind.usage` when the task does not validate, `steps` is not
  ///   positive, or the schedule's rate is not positive and finite.
  package func train(seed: UInt64, schedule: LearningRateSchedule, steps: Int) throws(LRLensError)
    -> TrainingResult
  {
    guard steps > 0, steps <= 10_000_000 else {
      throw LRLensError(
        .usage, at: InputLocation(path: "<task \(name)>", detail: "steps"),
        problem: "expected 1 to 10000000 steps, found \(steps)", fix: "pass a positive step count")
    }
    let peak = schedule.peakLearningRate
    guard peak > 0, peak.isFinite else {
      throw LRLensError(
        .usage, at: InputLocation(path: "<task \(name)>", detail: "learning rate"),
        problem: "expected a positive finite learning rate, found \(peak)",
        fix: "pass a learning rate above 0")
    }
    let session = try TrainingSession(task: self, seed: seed, policy: .epochs(dropsLast: false))
    var losses: [Double] = []
    losses.reserveCapacity(steps)
    var diverged = false
    for step in 0..<steps {
      let rate = schedule.learningRate(step: step, totalSteps: steps)
      let loss = session.step(learningRates: [rate * learningRateMultiplier, rate]).loss
      losses.append(loss)
      if !loss.isFinite || !session.parametersAreFinite {
        diverged = true
        break
      }
    }
    let window = Swift.min(steps, session.sampler.batchesPerEpoch)
    let evaluation = session.network.evaluate(session.validation)
    let lastLosses = losses.suffix(window)
    let trainingLoss = lastLosses.reduce(0, +) / Double(Swift.max(lastLosses.count, 1))
    if diverged || !trainingLoss.isFinite || !evaluation.loss.isFinite {
      let accuracy: Double? = evaluation.accuracy == nil ? nil : 0
      return TrainingResult(
        finalTrainingLoss: .infinity, validationLoss: .infinity, validationAccuracy: accuracy,
        batchLosses: losses, diverged: true, stepsCompleted: losses.count)
    }
    return TrainingResult(
      finalTrainingLoss: trainingLoss, validationLoss: evaluation.loss,
      validationAccuracy: evaluation.accuracy, batchLosses: losses, diverged: false,
      stepsCompleted: losses.count)
  }

  /// Runs a learning-rate range test on the task the way a framework's finder does.
  ///
  /// - Parameters:
  ///   - style: The finder to imitate.
  ///   - seed: The seed of the initial weights and the batch order.
  ///   - settings: The settings; `nil` uses the task's finder range with the style's defaults.
  /// - Returns: The record of every batch.
  /// - Throws: `LRLensError.Kind.usage` when the task or the settings do not validate.
  package func rangeTest(style: FinderStyle, seed: UInt64, settings: RangeTestSettings? = nil)
    throws(LRLensError) -> RangeTestRecord
  {
    try RangeTester(task: self, style: style, settings: settings).run(seed: seed)
  }
}
