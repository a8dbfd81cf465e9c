package import LRLensCore

/// Which framework's learning-rate finder a range test imitates.
///
/// Each style fixes the learning-rate grid, the endpoints, the loss smoothing, the divergence
/// stop and what the framework's recorder stores, as `docs/RULES.md` §11 lists them.
package enum FinderStyle: String, Sendable, Hashable, CaseIterable {
  /// fastai v2 `lr_find`: exponential grid with the end excluded, debiased EMA 0.98 recorded,
  /// stop once the smoothed loss exceeds 4× the best.
  case fastai
  /// davidtvs/pytorch-lr-finder `range_test`: exponential or linear grid with both endpoints,
  /// EMA with `smooth_f` 0.05 on the new value, stop once the loss exceeds 5× the best.
  case torchLRFinder = "torch-lr-finder"
  /// PyTorch Lightning `Tuner.lr_find`: exponential grid skipping the first step, debiased EMA
  /// 0.98 with Lightning's off-by-one, stop after step 1 once the smoothed loss exceeds 4× the best.
  case lightning
  /// PyTorch-Ignite `FastaiLRFinder`: exponential grid whose first logged rate is above the start,
  /// EMA 0.05 on the new value, stop once the loss exceeds 5× the best.
  case ignite
  /// surmenok/keras_lr_finder `LRFinder.find`: multiplicative step per batch, raw losses,
  /// stop after batch 5 on NaN or a loss above 4× the best.
  case keras
  /// The MXNet Gluon tutorial finder: ×1.1 per iteration from 1e-6, raw losses recorded, stop
  /// from iteration 20 once the 0.3-weighted running mean exceeds 2× the first loss.
  case mxnet

  /// The framework whose logs this style reproduces.
  package var framework: Framework {
    switch self {
    case .fastai: .fastai
    case .torchLRFinder: .torchLRFinder
    case .lightning: .lightning
    case .ignite: .ignite
    case .keras: .keras
    case .mxnet: .mxnet
    }
  }
}

/// Everything one range test recorded, batch by batch, before it is written in a format.
///
/// All arrays have one element per recorded batch. `recordedLosses` is what the framework's own
/// recorder keeps (smoothed for fastai, torch-lr-finder, Lightning and Ignite; raw for Keras and
/// MXNet), so a writer exports it as the framework would.
package struct RangeTestRecord: Sendable, Equatable {
  /// The finder whose behaviour the run imitated.
  package var style: FinderStyle
  /// The task's name, for example `digits-mlp`.
  package var taskName: String
  /// The seed that fixed the initial weights and the batch order.
  package var seed: UInt64
  /// The learning rate of each parameter group at each batch; group 0 first, one array per group.
  package var groupLearningRates: [[Double]]
  /// The index in `groupLearningRates` of the group the framework logs as `lr`.
  package var loggedGroup: Int
  /// The mini-batch loss at each batch, before any smoothing.
  package var rawLosses: [Double]
  /// The loss the framework's recorder stores at each batch.
  package var recordedLosses: [Double]
  /// Whether the run stopped on the style's divergence test before its last planned batch.
  package var stoppedEarly: Bool

  /// The learning rates the framework logs, those of `loggedGroup`.
  package var learningRates: [Double] { groupLearningRates[loggedGroup] }

  /// The parameter groups a log shows: every group when their rates differ (discriminative
  /// learning rates), or only the logged group when they are all the same, as a model with one
  /// parameter group logs.
  package var exportedGroupLearningRates: [[Double]] {
    groupLearningRates.allSatisfy { $0 == learningRates } ? [learningRates] : groupLearningRates
  }

  /// Creates a record from its parts.
  /// - Parameters:
  ///   - style: The finder whose behaviour the run imitated.
  ///   - taskName: The task's name.
  ///   - seed: The seed of the run.
  ///   - groupLearningRates: Per parameter group, the learning rate at each batch.
  ///   - loggedGroup: The group the framework logs as `lr`.
  ///   - rawLosses: The unsmoothed loss at each batch.
  ///   - recordedLosses: The loss the framework's recorder stores at each batch.
  ///   - stoppedEarly: Whether the divergence test stopped the run.
  package init(
    style: FinderStyle, taskName: String, seed: UInt64, groupLearningRates: [[Double]],
    loggedGroup: Int, rawLosses: [Double], recordedLosses: [Double], stoppedEarly: Bool
  ) {
    precondition(groupLearningRates.indices.contains(loggedGroup), "logged group out of range")
    self.style = style
    self.taskName = taskName
    self.seed = seed
    self.groupLearningRates = groupLearningRates
    self.loggedGroup = loggedGroup
    self.rawLosses = rawLosses
    self.recordedLosses = recordedLosses
    self.stoppedEarly = stoppedEarly
  }
}
