package import LRLensCore

/// One training run in progress: the task's data split, its network with the seeded initial
/// weights, the optimizer state and the batch sampler.
///
/// The weights come from the seed alone (not from the learning rate or the optimizer), and the
/// batch order from an independent stream of the same seed, so two runs with the same seed see
/// the same batches in the same order.
package final class TrainingSession {
  /// The task.
  package let task: TrainingTask
  /// The seed of the weights and the batch order.
  package let seed: UInt64
  /// The training samples.
  package let training: Dataset
  /// The validation samples.
  package let validation: Dataset
  /// The network.
  package let network: Network
  /// The optimizer state.
  package let optimizer: Optimizer
  /// The batch sampler over `training`.
  package private(set) var sampler: BatchSampler

  /// Prepares a run.
  ///
  /// - Parameters:
  ///   - task: The task.
  ///   - seed: The seed of the weights and the batch order.
  ///   - policy: How batches are cut from each epoch.
  /// - Throws: `LRLensError.Kind.usage` when the task does not validate.
  package init(task: TrainingTask, seed: UInt64, policy: BatchSampler.Policy) throws(LRLensError) {
    try task.validate()
    self.task = task
    self.seed = seed
    let split = task.dataset.makeSplit()
    training = split.training
    validation = split.validation
    let batchSize = Swift.min(task.batchSize, training.count)
    network = Network(
      architecture: task.architecture, channels: training.channels, height: training.height,
      width: training.width, outputs: training.outputCount, loss: task.loss,
      capacity: batchSize, seed: seed)
    optimizer = Optimizer(task.optimizer, parameterCount: network.parameterCount)
    sampler = BatchSampler(
      sampleCount: training.count, batchSize: batchSize, policy: policy, seed: seed)
  }

  /// Draws the next batch, computes its loss and gradient, and applies one optimizer update
  /// with one learning rate per parameter group.
  ///
  /// - Parameter learningRates: The learning rates of group 0 and group 1.
  /// - Returns: The batch's mean loss before the update, and the batch's position.
  package func step(learningRates: [Double]) -> (loss: Double, batch: BatchSampler.Batch) {
    let batch = sampler.next()
    let count = network.load(batch.indices, from: training)
    let loss = network.forward(batchCount: count).loss
    network.backward(batchCount: count)
    optimizer.step(
      parameters: network.parameters, gradients: network.gradients,
      groups: network.groupRanges, learningRates: learningRates)
    return (loss, batch)
  }

  /// Draws the next batch and computes its loss and gradient without updating the weights
  /// (the MXNet tutorial's `iteration(take_step=False)`).
  ///
  /// - Returns: The batch's mean loss.
  @discardableResult
  package func passWithoutUpdate() -> Double {
    let batch = sampler.next()
    let count = network.load(batch.indices, from: training)
    let loss = network.forward(batchCount: count).loss
    network.backward(batchCount: count)
    return loss
  }

  /// Whether every parameter is finite.
  package var parametersAreFinite: Bool {
    network.parameters.allSatisfy(\.isFinite)
  }
}
