internal import LRLensCore

/// What each framework's finder does with a batch loss: the value its recorder stores and
/// whether its stop test fires.
///
/// Comparisons follow IEEE rules as Python's do: a NaN never compares greater or smaller, so a
/// NaN loss stops only a finder that tests for it explicitly (Keras).
package struct FinderRecorder: Sendable {
  /// The finder.
  package let style: FinderStyle
  /// The smoothing constant in use.
  package let smoothing: Double
  /// The divergence factor in use.
  package let threshold: Double
  /// Whether the divergence test may stop the run.
  package let stopsOnDivergence: Bool
  private var average = 0.0
  private var best: Double?
  private var firstLoss: Double?
  private var count = 0
  private var previous = 0.0

  /// Creates a recorder with the style's defaults unless the settings override them.
  ///
  /// - Parameters:
  ///   - style: The finder.
  ///   - settings: The settings whose `smoothing`, `divergenceThreshold` and
  ///     `stopsOnDivergence` apply.
  package init(style: FinderStyle, settings: RangeTestSettings) {
    self.style = style
    smoothing = settings.smoothing ?? Self.defaultSmoothing(style)
    threshold = settings.divergenceThreshold ?? Self.defaultThreshold(style)
    stopsOnDivergence = settings.stopsOnDivergence
  }

  /// The style's smoothing constant: β = 0.98 (fastai, Lightning), `smooth_f` = 0.05
  /// (torch-lr-finder, ignite), 0.3 (MXNet), none (Keras).
  ///
  /// - Parameter style: The finder.
  /// - Returns: The constant.
  package static func defaultSmoothing(_ style: FinderStyle) -> Double {
    switch style {
    case .fastai, .lightning: 0.98
    case .torchLRFinder, .ignite: 0.05
    case .mxnet: 0.3
    case .keras: 0
    }
  }

  /// The style's divergence factor: 4 (fastai, Lightning, Keras), 5 (torch-lr-finder, ignite),
  /// 2 (MXNet, times the first loss).
  ///
  /// - Parameter style: The finder.
  /// - Returns: The factor.
  package static func defaultThreshold(_ style: FinderStyle) -> Double {
    switch style {
    case .fastai, .lightning, .keras: 4
    case .torchLRFinder, .ignite: 5
    case .mxnet: 2
    }
  }

  /// Takes one batch's raw loss.
  ///
  /// - Parameters:
  ///   - loss: The batch's mean loss before the update.
  ///   - batch: The 0-based index of the batch in the run.
  ///   - indexInEpoch: The 0-based index of the batch within its epoch (Keras's `batch`).
  /// - Returns: The value the framework records and whether its divergence test stops the run
  ///   after this batch (the stopping batch is always recorded).
  package mutating func record(loss: Double, batch: Int, indexInEpoch: Int) -> (
    recorded: Double, stops: Bool
  ) {
    count += 1
    switch style {
    case .fastai:
      // Matches fastai fastai/learner.py@5bc369c27846 (AvgSmoothLoss) and
      // fastai/callback/schedule.py@0a049e8a90b8 (LRFinder.after_batch): val = torch.lerp(loss,
      // val, beta), value = val/(1-beta**count); best = min(best, value) before the test value >
      // 4*best, so NaN never stops the run.
      average = loss + smoothing * (average - loss)
      let value = average / (1 - LibM.power(smoothing, Double(count)))
      if value < (best ?? .infinity) { best = value }
      let stops = stopsOnDivergence && value > threshold * (best ?? .infinity)
      return (value, stops)
    case .torchLRFinder, .ignite:
      // Matches davidtvs/pytorch-lr-finder torch_lr_finder/lr_finder.py@76df3050c555 (range_test)
      // and pytorch/ignite ignite/handlers/lr_finder.py@de08e799cfb5 (_log_lr_and_loss): the first
      // loss is kept raw and is the first best; later ones become smooth_f*loss +
      // (1-smooth_f)*previous (no bias correction), best = min, then stop if loss >
      // diverge_th*best.
      var value = loss
      if batch > 0, smoothing > 0 {
        value = smoothing * loss + (1 - smoothing) * previous
      }
      if let current = best {
        if value < current { best = value }
      } else {
        best = value
      }
      previous = value
      let stops = stopsOnDivergence && value > threshold * (best ?? value)
      return (value, stops)
    case .lightning:
      // Matches Lightning-AI/pytorch-lightning
      // src/lightning/pytorch/tuner/lr_finder.py@001278272e8e (_LRCallback.on_train_batch_end):
      // global_step is already count after the optimizer step, so the debiasing divisor is 1 -
      // beta**(count+1), one power too many (the first value is loss/(1+beta)); the test runs from
      // step 2 against the best so far, then best is updated (always at step 1).
      let step = Double(count)
      average = smoothing * average + (1 - smoothing) * loss
      let value = average / (1 - LibM.power(smoothing, step + 1))
      let stops = stopsOnDivergence && count > 1 && value > threshold * (best ?? 0)
      if value < (best ?? 0) || count == 1 { best = value }
      return (value, stops)
    case .keras:
      // Matches surmenok/keras_lr_finder keras_lr_finder/lr_finder.py@3c8fe719d7e3 (on_batch_end):
      // the raw loss is recorded first; if batch > 5 (the index within the epoch, so the grace
      // period repeats every epoch) and the loss is NaN or above 4*best_loss, training stops;
      // best_loss starts at 1e9 and is updated only when the run goes on.
      let current = best ?? 1e9
      if indexInEpoch > 5, loss.isNaN || loss > current * threshold {
        return (loss, stopsOnDivergence)
      }
      if loss < current { best = loss } else { best = current }
      return (loss, false)
    case .mxnet:
      // Matches apache/mxnet docs/.../learning_rate_finder.md@26bd2dd242ac
      // (LRFinderStoppingCriteria): counter += 1 first; first_loss and the running mean start at
      // the first loss, then mean = (1-smoothing)*loss + smoothing*mean (weight 0.7 on the new
      // loss); stop when mean > 2*first_loss and counter >= 20. The raw loss is recorded.
      let first = firstLoss ?? loss
      firstLoss = first
      average = count == 1 ? loss : (1 - smoothing) * loss + smoothing * average
      let stops = stopsOnDivergence && average > first * threshold && count >= 20
      return (loss, stops)
    }
  }
}
