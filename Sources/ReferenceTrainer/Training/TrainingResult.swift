/// The outcome of a fixed-schedule training run.
package struct TrainingResult: Sendable, Hashable {
  /// The mean raw batch loss over the last epoch's worth of batches (the last
  /// `min(steps, batchesPerEpoch)` steps); +∞ if the run diverged.
  package var finalTrainingLoss: Double
  /// The mean loss over the validation set after the last step; +∞ if the run diverged.
  package var validationLoss: Double
  /// The share of correctly classified validation samples, or `nil` for regression (and 0 when
  /// the run diverged).
  package var validationAccuracy: Double?
  /// The raw loss of every batch trained, in order (it ends early at a non-finite loss).
  package var batchLosses: [Double]
  /// Whether a loss or a weight became NaN or infinite; training stops at that step.
  package var diverged: Bool
  /// The number of batches that were trained.
  package var stepsCompleted: Int

  /// Creates a result.
  ///
  /// - Parameters:
  ///   - finalTrainingLoss: The mean loss of the last epoch's worth of batches.
  ///   - validationLoss: The validation loss.
  ///   - validationAccuracy: The validation accuracy, if classifying.
  ///   - batchLosses: Every batch's raw loss.
  ///   - diverged: Whether the run diverged.
  ///   - stepsCompleted: The number of batches trained.
  package init(
    finalTrainingLoss: Double, validationLoss: Double, validationAccuracy: Double?,
    batchLosses: [Double], diverged: Bool, stepsCompleted: Int
  ) {
    self.finalTrainingLoss = finalTrainingLoss
    self.validationLoss = validationLoss
    self.validationAccuracy = validationAccuracy
    self.batchLosses = batchLosses
    self.diverged = diverged
    self.stepsCompleted = stepsCompleted
  }
}
