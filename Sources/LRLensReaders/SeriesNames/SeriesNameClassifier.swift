/// Says what a series name means: a learning rate (and of which rank), a parameter group's
/// learning rate, a loss (and of which priority), a smoothed or raw loss, a counter or a
/// validation metric, from the one table ``SeriesVocabulary``.
///
/// Every reader asks it, so a name means the same in a CSV header, a JSON key, an HDF5
/// dataset, a text log and a TensorBoard tag. Each reader still decides how to break ties
/// among candidates (position, how many lines carry a key, TensorBoard's tag families).
package enum SeriesNameClassifier {
  /// How well a name says "learning rate".
  package enum LearningRateRank: Int, Sendable, Comparable {
    /// `lr` and its spellings, bare or after a training or unit prefix (`train/lr`,
    /// `epoch_learning_rate`).
    case exact = 0
    /// One parameter group's rate: `lr_0` (fastai), `lr-Adam`, `lr-Adam/pg1` (Lightning's
    /// `LearningRateMonitor`), `learning_rate_…` (Keras 3 with several optimizers).
    case parameterGroup = 1
    /// Another name with an `lr` part or containing `learning_rate` (`base_lr`).
    case other = 2

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// A name as the vocabulary compares it: without surrounding spaces, lowercased.
  ///
  /// - Parameter name: The name as the file spells it.
  /// - Returns: The trimmed, lowercased name.
  package static func normalized(_ name: String) -> String {
    CellParser.trimmed(Substring(name)).lowercased()
  }

  /// Whether a name is a counter (step, batch, epoch, iteration, pandas' index).
  ///
  /// - Parameter name: The name.
  /// - Returns: `true` for a counter.
  package static func isCounter(_ name: String) -> Bool {
    SeriesVocabulary.counterNames.contains(normalized(name))
  }

  /// Whether a name is a step counter (`step`, `global_step`, `iteration`, `iter`).
  ///
  /// - Parameter name: The name.
  /// - Returns: `true` for a step counter.
  package static func isStep(_ name: String) -> Bool {
    SeriesVocabulary.stepNames.contains(normalized(name))
  }

  /// Whether a name is a validation or test metric: one of its parts is `val`, `valid`,
  /// `validation`, `test`, `eval` or `evaluation`.
  ///
  /// - Parameter name: The name.
  /// - Returns: `true` for a validation metric.
  package static func isValidation(_ name: String) -> Bool {
    parts(normalized(name)).contains { SeriesVocabulary.validationParts.contains($0) }
  }

  /// How well a name says "learning rate", or `nil` when it is no learning rate (a counter, a
  /// validation metric, a loss or another hyperparameter such as momentum).
  ///
  /// - Parameter name: The name.
  /// - Returns: The rank, or `nil`.
  package static func learningRateRank(_ name: String) -> LearningRateRank? {
    let key = normalized(name)
    guard qualifies(key) else { return nil }
    if SeriesVocabulary.learningRateNames.contains(stripped(key).base) { return .exact }
    let keyParts = parts(key)
    if ["momentum", "weight_decay", "loss"].contains(where: { key.contains($0) })
      || keyParts.contains(where: { SeriesVocabulary.otherHyperparameterParts.contains($0) })
    {
      return nil
    }
    if isParameterGroup(key) { return .parameterGroup }
    let isRate =
      keyParts.contains("lr") || keyParts.contains("lrs") || key.contains("learning_rate")
      || key.contains("learningrate") || key.contains("learning-rate")
    return isRate ? .other : nil
  }

  /// How well a name says "training loss", lower being better, or `nil` when it is no loss.
  ///
  /// A listed spelling (``SeriesVocabulary/lossNames``) ranks by its place in the list; a
  /// training prefix or `batch_` adds 1 and `epoch_` adds 2, so `loss` < `train_loss` <
  /// `losses`; any other name containing `loss`, `entropy` or `nll` (but not `scale`) ranks
  /// after every listed one.
  ///
  /// - Parameter name: The name.
  /// - Returns: The rank, or `nil`.
  package static func lossRank(_ name: String) -> Int? {
    let key = normalized(name)
    guard qualifies(key) else { return nil }
    let (base, penalty) = stripped(key)
    if let index = SeriesVocabulary.lossNames.firstIndex(of: base) {
      return 3 * index + penalty
    }
    let isLossLike = SeriesVocabulary.lossWords.contains { base.contains($0) }
    return isLossLike && !base.contains("scale") ? 3 * SeriesVocabulary.lossNames.count : nil
  }

  /// Whether a name is a smoothed loss (`smooth_loss`, `smoothed_loss`).
  ///
  /// - Parameter name: The name.
  /// - Returns: `true` for a smoothed loss.
  package static func isSmoothedLoss(_ name: String) -> Bool {
    SeriesVocabulary.smoothedLossNames.contains(normalized(name))
  }

  /// The raw-loss priority of a name (`raw_loss` 0, `raw_losses` 1, `loss` 2), or `nil`.
  ///
  /// - Parameter name: The name.
  /// - Returns: The priority, or `nil` when the name is no raw loss.
  package static func rawLossPriority(_ name: String) -> Int? {
    SeriesVocabulary.rawLossNames.firstIndex(of: normalized(name))
  }

  /// Whether a normalized name may be a learning rate or a loss at all.
  private static func qualifies(_ key: String) -> Bool {
    !SeriesVocabulary.counterNames.contains(key)
      && !parts(key).contains { SeriesVocabulary.validationParts.contains($0) }
  }

  /// Whether a normalized name is one parameter group's learning rate.
  private static func isParameterGroup(_ key: String) -> Bool {
    if key.hasPrefix("lr_") {
      let suffix = key.dropFirst(3)
      return !suffix.isEmpty && suffix.allSatisfy { $0.isASCII && $0.isNumber }
    }
    return (key.hasPrefix("lr-") && key.count > 3) || key.hasPrefix("learning_rate_")
  }

  /// A normalized name without one training or unit prefix, and the rank that prefix costs.
  private static func stripped(_ key: String) -> (base: String, penalty: Int) {
    if let prefix = SeriesVocabulary.trainingPrefixes.first(where: { key.hasPrefix($0) }) {
      return (String(key.dropFirst(prefix.count)), 1)
    }
    for (offset, prefix) in SeriesVocabulary.unitPrefixes.enumerated() where key.hasPrefix(prefix) {
      return (String(key.dropFirst(prefix.count)), offset + 1)
    }
    return (key, 0)
  }

  /// The runs of letters and digits of a name.
  private static func parts(_ key: String) -> [String] {
    key.split { !($0.isLetter || $0.isNumber) }.map(String.init)
  }
}
