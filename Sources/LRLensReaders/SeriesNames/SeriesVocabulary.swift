/// The one table of series names every reader recognises: CSV columns, JSON keys, HDF5
/// datasets, text-log keys and TensorBoard tags alike.
///
/// Names are compared trimmed and lowercased (``SeriesNameClassifier/normalized(_:)``); a
/// name's *parts* are its runs of letters and digits (`train/loss` → `train`, `loss`).
/// ``SeriesNameClassifier`` is the only reader of this table.
package enum SeriesVocabulary {
  /// Learning-rate names of the first rank, whole.
  package static let learningRateNames: Set<String> = [
    "lr", "lrs", "learning_rate", "learning_rates", "learningrate", "learning-rate",
  ]

  /// Loss names by priority, whole or after one of ``trainingPrefixes`` or ``unitPrefixes``.
  ///
  /// `loss_step` is Lightning's per-step twin of `train_loss_epoch` (`train_loss_step`); the
  /// names after `raw_losses` are the cross-entropy spellings MXNet's metrics print.
  package static let lossNames = [
    "loss", "losses", "smooth_loss", "smoothed_loss", "loss_step", "raw_loss", "raw_losses",
    "cross-entropy", "cross_entropy", "crossentropy", "ce", "nll", "nll-loss", "nll_loss",
    "ce-loss", "ce_loss", "log_loss", "log-loss", "logloss",
  ]

  /// Words a loss name of no listed spelling contains (`focal_loss`, `softmax_entropy`).
  package static let lossWords = ["loss", "entropy", "nll"]

  /// Smoothed-loss names: beside a raw one, they are the loss and the raw one is kept.
  package static let smoothedLossNames = ["smooth_loss", "smoothed_loss"]

  /// Raw-loss names, by priority, kept beside a smoothed loss.
  package static let rawLossNames = ["raw_loss", "raw_losses", "loss"]

  /// Prefixes of training metrics (`train_loss`, `train/lr`), which rank just after the bare
  /// name.
  package static let trainingPrefixes = [
    "train-", "train_", "train/", "training-", "training_", "training/",
  ]

  /// Prefixes of Keras' TensorBoard callback, per batch then per epoch: a range test is per
  /// batch, so `batch_loss` ranks before `epoch_loss`.
  package static let unitPrefixes = ["batch_", "epoch_"]

  /// Counters, which are never a learning rate or a loss: pandas' index column (empty or
  /// `Unnamed: 0`), steps, batches, epochs, iterations and MXNet's `speed`.
  package static let counterNames: Set<String> = [
    "", "unnamed: 0", "batch", "epoch", "step", "global_step", "iter", "iteration", "speed",
  ]

  /// Step counters, which place a record when a learning rate and its loss are written apart
  /// (Lightning's `metrics.csv`, text logs that print them on separate lines).
  package static let stepNames: Set<String> = ["step", "global_step", "iteration", "iter"]

  /// Name parts that mark a validation or test metric (`val_loss`, `valid/loss`,
  /// `eval-loss`).
  package static let validationParts: Set<String> = [
    "val", "valid", "validation", "test", "eval", "evaluation",
  ]

  /// Name parts of other hyperparameters logged beside the learning rate (`lr-Adam-momentum`,
  /// `sqr_mom_0`, `wd_0`), which are never a learning rate.
  package static let otherHyperparameterParts: Set<String> = [
    "loss", "momentum", "mom", "beta", "beta1", "beta2", "wd", "weight", "decay",
  ]
}
