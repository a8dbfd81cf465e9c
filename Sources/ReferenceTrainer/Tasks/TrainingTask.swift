package import LRLensCore

/// A complete, reproducible training problem: data, model, loss, optimizer, batch size and the
/// learning-rate range a finder should sweep.
///
/// Every field is a plain value, so variants are easy to build: change the hidden sizes, the
/// activation, the optimizer, the batch size or the data noise of a registered task (see
/// `TrainingTask.all`) and give it a new name. The seed passed to training or to a range test
/// fixes the initial weights and the batch order; the data come from `dataset.seed`.
package struct TrainingTask: Sendable, Hashable {
  /// The range a learning-rate finder sweeps by default for this task.
  package struct FinderRange: Sendable, Hashable {
    /// The first learning rate.
    package var startLearningRate: Double
    /// The learning rate the sweep aims at.
    package var endLearningRate: Double
    /// The number of iterations.
    package var iterations: Int

    /// Creates a range.
    ///
    /// - Parameters:
    ///   - startLearningRate: The first learning rate.
    ///   - endLearningRate: The learning rate the sweep aims at.
    ///   - iterations: The number of iterations.
    package init(startLearningRate: Double, endLearningRate: Double, iterations: Int) {
      self.startLearningRate = startLearningRate
      self.endLearningRate = endLearningRate
      self.iterations = iterations
    }
  }

  /// The task's name, a lowercase kebab-case id such as `digits-mlp`.
  package var name: String
  /// One line saying what the task trains.
  package var summary: String
  /// The data.
  package var dataset: DatasetSpec
  /// The model.
  package var architecture: Architecture
  /// The loss.
  package var loss: LossKind
  /// The optimizer and its hyper-parameters.
  package var optimizer: OptimizerKind
  /// The mini-batch size (capped at the number of training samples).
  package var batchSize: Int
  /// The factor on the first layer's learning rate (parameter group 0); 1 for one rate, 0.1
  /// for the usual discriminative setting.
  package var learningRateMultiplier: Double
  /// The default finder sweep.
  package var finderRange: FinderRange

  /// Creates a task.
  ///
  /// - Parameters:
  ///   - name: A lowercase kebab-case id.
  ///   - summary: One line saying what the task trains.
  ///   - dataset: The data.
  ///   - architecture: The model.
  ///   - loss: The loss; `nil` picks cross-entropy for classes and MSE for values.
  ///   - optimizer: The optimizer.
  ///   - batchSize: The mini-batch size.
  ///   - learningRateMultiplier: The factor on group 0's learning rate.
  ///   - finderRange: The default finder sweep.
  package init(
    name: String, summary: String, dataset: DatasetSpec, architecture: Architecture,
    loss: LossKind? = nil, optimizer: OptimizerKind, batchSize: Int,
    learningRateMultiplier: Double = 1,
    finderRange: FinderRange = FinderRange(
      startLearningRate: 1e-7, endLearningRate: 10, iterations: 100)
  ) {
    self.name = name
    self.summary = summary
    self.dataset = dataset
    self.architecture = architecture
    if let loss {
      self.loss = loss
    } else if case .linearRegression = dataset.kind {
      self.loss = .meanSquaredError
    } else {
      self.loss = .crossEntropy
    }
    self.optimizer = optimizer
    self.batchSize = batchSize
    self.learningRateMultiplier = learningRateMultiplier
    self.finderRange = finderRange
  }

  /// A copy with another name and summary, for building variants.
  ///
  /// - Parameters:
  ///   - name: The new name.
  ///   - summary: The new summary.
  ///   - change: Edits to apply to the copy.
  /// - Returns: The variant.
  package func variant(
    named name: String, summary: String, _ change: (inout TrainingTask) -> Void = { _ in }
  ) -> TrainingTask {
    var copy = self
    copy.name = name
    copy.summary = summary
    change(&copy)
    return copy
  }

  /// Checks that the task can be trained.
  ///
  /// - Throws: `LRLensError.Kind.usage` naming the field when the batch size or a layer width
  ///   is not positive, a noise level or fraction is out of range, the convolution does not
  ///   fit the input, the loss does not fit the targets, or a hyper-parameter is out of range.
  package func validate() throws(LRLensError) {
    func fail(_ field: String, _ problem: String, _ fix: String) -> LRLensError {
      LRLensError(
        .usage, at: InputLocation(path: "<task \(name)>", detail: field), problem: problem,
        fix: fix)
    }
    guard batchSize > 0 else {
      throw fail(
        "batch size", "expected a positive batch size, found \(batchSize)", "pass 1 or more")
    }
    guard architecture.hiddenSizes.allSatisfy({ $0 > 0 && $0 <= 65_536 }) else {
      throw fail(
        "hidden sizes", "expected widths from 1 to 65536, found \(architecture.hiddenSizes)",
        "give every hidden layer a positive width")
    }
    guard learningRateMultiplier > 0, learningRateMultiplier.isFinite else {
      throw fail(
        "learning rate multiplier",
        "expected a positive multiplier, found \(learningRateMultiplier)",
        "pass a multiplier such as 0.1 or 1")
    }
    let spec = dataset
    guard spec.validationFraction >= 0, spec.validationFraction < 1 else {
      throw fail(
        "validation fraction", "expected a fraction in [0, 1), found \(spec.validationFraction)",
        "pass a fraction such as 0.2")
    }
    guard spec.labelNoise >= 0, spec.labelNoise.isFinite, spec.inputNoise >= 0,
      spec.inputNoise.isFinite
    else {
      throw fail(
        "noise",
        "expected non-negative finite noise levels, found \(spec.inputNoise) and "
          + "\(spec.labelNoise)",
        "pass noise levels of 0 or more")
    }
    switch spec.kind {
    case .digits:
      break
    case .moons, .spirals, .blobs, .linearRegression:
      guard spec.samples >= 4, spec.samples <= 1_000_000 else {
        throw fail(
          "samples", "expected 4 to 1000000 samples, found \(spec.samples)", "pass more samples")
      }
    }
    switch spec.kind {
    case .spirals(let classes), .blobs(let classes, _):
      guard classes >= 2, classes <= 1000 else {
        throw fail("classes", "expected 2 to 1000 classes, found \(classes)", "pass 2 or more")
      }
    default:
      break
    }
    if case .blobs(_, let features) = spec.kind, features < 1 || features > 10_000 {
      throw fail("features", "expected 1 to 10000 features, found \(features)", "pass 1 or more")
    }
    if case .linearRegression(let features) = spec.kind, features < 1 || features > 10_000 {
      throw fail("features", "expected 1 to 10000 features, found \(features)", "pass 1 or more")
    }
    let isRegression: Bool
    if case .linearRegression = spec.kind { isRegression = true } else { isRegression = false }
    guard (loss == .meanSquaredError) == isRegression else {
      throw fail(
        "loss", "the loss \(loss.rawValue) does not fit the \(spec.name) targets",
        "use cross-entropy for classes and mse for real-valued targets")
    }
    if let convolution = architecture.convolution {
      guard case .digits = spec.kind else {
        throw fail(
          "convolution", "a convolution needs image data, found \(spec.name)",
          "drop the convolution or use the digits")
      }
      let side = 8 + 2 * convolution.padding - convolution.kernelSize + 1
      guard convolution.channels > 0, convolution.channels <= 1024, convolution.kernelSize > 0,
        convolution.padding >= 0, convolution.padding < convolution.kernelSize, side > 0
      else {
        throw fail(
          "convolution",
          "expected 1 to 1024 channels and a kernel that fits 8×8 images, found \(convolution)",
          "use, for example, 8 channels, kernel 3, padding 1")
      }
    }
    switch optimizer {
    case .sgd(let momentum, let nesterov, let weightDecay):
      guard momentum >= 0, momentum < 1, weightDecay >= 0, !nesterov || momentum > 0 else {
        throw fail(
          "optimizer",
          "expected momentum in [0, 1), weight decay ≥ 0 and Nesterov only with momentum, "
            + "found \(optimizer.summary)",
          "fix the SGD hyper-parameters")
      }
    case .adam(let beta1, let beta2, let epsilon, let weightDecay):
      guard beta1 >= 0, beta1 < 1, beta2 >= 0, beta2 < 1, epsilon > 0, weightDecay >= 0 else {
        throw fail(
          "optimizer",
          "expected betas in [0, 1), ε > 0 and weight decay ≥ 0, found \(optimizer.summary)",
          "fix the Adam hyper-parameters")
      }
    }
  }
}
