package import LRLensCore

/// Runs a learning-rate range test on a task the way one framework's finder does.
///
/// Starting from the seeded initial weights, the tester trains one batch per step with the
/// finder's learning-rate schedule, passes each batch loss through the finder's recorder
/// (smoothing and stop test) and returns every batch's raw loss, recorded loss and the rate of
/// each parameter group. The schedule, the recorded values, whether the stopping batch is kept
/// and the data loader (fastai drops the last partial batch; MXNet's tutorial streams full
/// batches across epochs) all follow `FinderStyle`'s framework; see `FinderSchedule` and
/// `FinderRecorder` for each rule and its source.
///
/// The record's `groupLearningRates` are the rates the framework logs for each group: the rate
/// the batch trained with, except for ignite, which logs the next batch's rate (and, with
/// several groups, a list of every group's rate, recorded here with `loggedGroup` 0).
///
/// A diverging run never traps: NaN and ±∞ losses are recorded as they come.
package struct RangeTester: Sendable {
  /// The task.
  package var task: TrainingTask
  /// The finder to imitate.
  package var style: FinderStyle
  /// The range, length and overrides.
  package var settings: RangeTestSettings

  /// Creates a tester.
  ///
  /// - Parameters:
  ///   - task: The task.
  ///   - style: The finder to imitate.
  ///   - settings: The settings; `nil` uses the task's finder range with the style's defaults.
  package init(task: TrainingTask, style: FinderStyle, settings: RangeTestSettings? = nil) {
    self.task = task
    self.style = style
    self.settings = settings ?? RangeTestSettings(task: task, style: style)
  }

  /// The data loader each finder uses.
  private var policy: BatchSampler.Policy {
    switch style {
    // Matches fastai fastai/data/core.py@08a639548fd8 (Datasets.dataloaders): the training
    // DataLoader has drop_last=shuffle=True.
    case .fastai: .epochs(dropsLast: true)
    case .torchLRFinder, .lightning, .ignite, .keras: .epochs(dropsLast: false)
    case .mxnet: .continuous
    }
  }

  /// Runs the range test.
  ///
  /// - Parameter seed: The seed of the initial weights and the batch order.
  /// - Returns: The record of every batch.
  /// - Throws: `LRLensError.Kind.usage` when the task or the settings do not validate.
  package func run(seed: UInt64) throws(LRLensError) -> RangeTestRecord {
    try settings.validate(for: style)
    let session = try TrainingSession(task: task, seed: seed, policy: policy)
    let schedule = FinderSchedule(
      style: style, settings: settings, batchesPerEpoch: session.sampler.batchesPerEpoch,
      trainingCount: session.training.count, batchSize: session.sampler.batchSize)
    var recorder = FinderRecorder(style: style, settings: settings)
    if style == .mxnet {
      // Matches apache/mxnet docs/.../learning_rate_finder.md@26bd2dd242ac (LRFinder.find): one
      // iteration(take_step=False) initializes the network and consumes a batch first.
      session.passWithoutUpdate()
    }
    var groupRates: [[Double]] = [[], []]
    var raw: [Double] = []
    var recorded: [Double] = []
    var stoppedEarly = false
    for batch in 0..<schedule.plannedBatches {
      let result = session.step(learningRates: schedule.appliedRates[batch])
      let outcome = recorder.record(
        loss: result.loss, batch: batch, indexInEpoch: result.batch.indexInEpoch)
      for group in 0..<2 {
        groupRates[group].append(schedule.loggedRates[batch][group])
      }
      raw.append(result.loss)
      recorded.append(outcome.recorded)
      if outcome.stops {
        stoppedEarly = batch + 1 < schedule.plannedBatches
        break
      }
    }
    return RangeTestRecord(
      style: style, taskName: task.name, seed: seed, groupLearningRates: groupRates,
      loggedGroup: schedule.loggedGroup, rawLosses: raw, recordedLosses: recorded,
      stoppedEarly: stoppedEarly)
  }
}
