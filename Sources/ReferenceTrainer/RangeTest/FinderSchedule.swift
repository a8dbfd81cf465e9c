internal import LRLensCore

/// The learning rates of a range test, batch by batch, as each framework's scheduler produces
/// them: the rate each parameter group trains with and the rate the framework logs.
///
/// The two differ only for ignite, whose logger reads the scheduler one step ahead of the
/// optimizer. Group 1 is "the rest of the model" and carries the settings' range; group 0 (the
/// first layer) gets `groupZeroMultiplier` applied the way each framework applies per-group rates.
package struct FinderSchedule: Sendable {
  /// The finder.
  package let style: FinderStyle
  /// The number of batches the finder plans to run if nothing diverges.
  package let plannedBatches: Int
  /// The parameter group whose rate the framework logs as `lr`.
  package let loggedGroup: Int
  /// Per batch, the rates the groups train with.
  package let appliedRates: [[Double]]
  /// Per batch, the rates the framework records.
  package let loggedRates: [[Double]]

  /// Computes the schedule.
  ///
  /// - Parameters:
  ///   - style: The finder.
  ///   - settings: The validated settings.
  ///   - batchesPerEpoch: The batches one epoch of the style's data loader holds.
  ///   - trainingCount: The number of training samples (Keras derives its multiplier from it).
  ///   - batchSize: The batch size (likewise).
  package init(
    style: FinderStyle, settings: RangeTestSettings, batchesPerEpoch: Int, trainingCount: Int,
    batchSize: Int
  ) {
    self.style = style
    let start = settings.startLearningRate
    let end = settings.endLearningRate
    let multiplier = settings.groupZeroMultiplier
    var applied: [[Double]] = []
    var logged: [[Double]] = []
    switch style {
    case .fastai:
      // Matches fastai fastai/callback/schedule.py@0a049e8a90b8 (LRFinder): num_it < 6 is raised to
      // 6; before batch t the rate is SchedExp(start, end)(t / num_it) = start * (end/start) **
      // (t/num_it), so end_lr itself is never used; per-group start/end lists give group 0 its own
      // range, and the Recorder logs the last group (opt.hypers[-1]['lr']).
      let count = Swift.max(settings.iterations, 6)
      let starts = [start * multiplier, start]
      let ends = [end * multiplier, end]
      for batch in 0..<count {
        let position = Double(batch) / Double(count)
        let rates = (0..<2).map { starts[$0] * LibM.power(ends[$0] / starts[$0], position) }
        applied.append(rates)
      }
      logged = applied
      plannedBatches = count
      loggedGroup = 1
    case .torchLRFinder:
      // Matches davidtvs/pytorch-lr-finder torch_lr_finder/lr_finder.py@76df3050c555
      // (ExponentialLR, LinearLR): r = k / (num_iter - 1), so both endpoints are used; a per-group
      // start_lr list sets each group's base while end_lr is one value for every group;
      // history["lr"] holds the first group's rate (get_lr()[0]).
      let count = settings.iterations
      let bases = [start * multiplier, start]
      for batch in 0..<count {
        let ratio = Double(batch) / Double(count - 1)
        let rates = bases.map { base in
          settings.stepMode == .exponential
            ? base * LibM.power(end / base, ratio) : base + ratio * (end - base)
        }
        applied.append(rates)
      }
      logged = applied
      plannedBatches = count
      loggedGroup = 0
    case .lightning:
      // Matches Lightning-AI/pytorch-lightning
      // src/lightning/pytorch/tuner/lr_finder.py@001278272e8e (_exchange_scheduler, _ExponentialLR,
      // _LinearLR): every group is reset to min_lr, so a per-group multiplier is lost; get_lr
      // returns the base while last_epoch == 0 and r = (last_epoch + 1) / num_iter afterwards, so
      // exponent 1/N is skipped and max_lr is the last rate; _LRCallback logs the first group's
      // rate at batch start.
      let count = settings.iterations
      for batch in 0..<count {
        let rate: Double
        if batch == 0 {
          rate = start
        } else {
          let ratio = Double(batch + 1) / Double(count)
          rate =
            settings.stepMode == .exponential
            ? start * LibM.power(end / start, ratio) : start + ratio * (end - start)
        }
        applied.append([rate, rate])
      }
      logged = applied
      plannedBatches = count
      loggedGroup = 0
    case .ignite:
      // Matches pytorch/ignite ignite/handlers/lr_finder.py@de08e799cfb5 (FastaiLRFinder._run,
      // _ExponentialLR) with ignite/handlers/param_scheduler.py@de08e799cfb5 (LRScheduler,
      // PiecewiseLinear): the logger runs on ITERATION_COMPLETED before the scheduler and reads the
      // value the scheduler is about to set, so the logged rate is one step ahead of the rate the
      // batch used. Exponential: logged start*(end/start)**((t+1)/num_iter), used
      // start*(end/start)**(max(t,1)/num_iter) (the torch scheduler's constructor already stepped
      // once). Linear: logged start + (end-start)*t/num_iter (end from t = num_iter on), used the
      // previous logged value (start for t = 0). The run stops when iteration > num_iter, after
      // logging, so an epoch longer than num_iter batches (trainer.run with max_epochs=1) records
      // num_iter + 1 points; a shorter one sets max_iters = num_iter and records num_iter. The
      // optimizer is assumed built with the start rates (start_lr=None, the documented usage).
      let count = settings.iterations
      plannedBatches = batchesPerEpoch > count ? count + 1 : count
      let starts = [start * multiplier, start]
      let ends = [end * multiplier, end]
      func loggedRate(_ group: Int, _ batch: Int) -> Double {
        switch settings.stepMode {
        case .exponential:
          let ratio = Double(batch + 1) / Double(count)
          return starts[group] * LibM.power(ends[group] / starts[group], ratio)
        case .linear:
          guard batch < count else { return ends[group] }
          return starts[group] + (ends[group] - starts[group]) * Double(batch) / Double(count)
        }
      }
      for batch in 0..<plannedBatches {
        logged.append((0..<2).map { loggedRate($0, batch) })
        switch settings.stepMode {
        case .exponential:
          let ratio = Double(Swift.max(batch, 1)) / Double(count)
          applied.append(
            (0..<2).map { starts[$0] * LibM.power(ends[$0] / starts[$0], ratio) })
        case .linear:
          applied.append(batch == 0 ? starts : (0..<2).map { loggedRate($0, batch - 1) })
        }
      }
      loggedGroup = 0
    case .keras:
      // Matches surmenok/keras_lr_finder keras_lr_finder/lr_finder.py@3c8fe719d7e3 (find,
      // on_batch_end): num_batches = epochs * N / batch_size (a float, not rounded up), lr_mult =
      // (end/start) ** (1/num_batches); the rate is a float32 variable multiplied by lr_mult after
      // each batch in float32 (NumPy 2 rules: float32 times float32(lr_mult)). Keras runs epochs *
      // ceil(N/batch_size) batches, so the grid stops just short of end_lr or passes it when
      // N/batch_size is not whole. Keras has one rate for all parameters.
      let epochs =
        settings.epochs
        ?? Swift.max(1, (settings.iterations + batchesPerEpoch - 1) / batchesPerEpoch)
      let numberOfBatches = Double(epochs * trainingCount) / Double(batchSize)
      let factor = Float(LibM.power(end / start, 1 / numberOfBatches))
      var rate = Float(start)
      plannedBatches = epochs * batchesPerEpoch
      for _ in 0..<plannedBatches {
        applied.append([Double(rate), Double(rate)])
        rate *= factor
      }
      logged = applied
      loggedGroup = 0
    case .mxnet:
      // Matches apache/mxnet docs/.../learning_rate_finder.md@26bd2dd242ac (LRFinder.find): lr =
      // lr_start, then lr = lr * lr_multiplier after each iteration (repeated float64 products),
      // with no end; a per-parameter lr_mult scales group 0, and the trainer's rate (group 1) is
      // logged. The tutorial loops forever; `iterations` caps it here.
      plannedBatches = settings.iterations
      var rate = start
      for _ in 0..<plannedBatches {
        applied.append([rate * multiplier, rate])
        rate *= settings.mxnetFactor
      }
      logged = applied
      loggedGroup = 1
    }
    appliedRates = applied
    loggedRates = logged
  }
}
