extension TrainingTask {
  /// Every registered task, in alphabetical order of name.
  package static let all: [TrainingTask] = [
    blobsMLP, digitsCNN, digitsMLP, digitsMLPDiscriminative, digitsMLPSGD, linearRegression,
    moonsMLP, spiralsMLP,
  ]

  /// The registered task names, in alphabetical order.
  package static var names: [String] { all.map(\.name) }

  /// The registered task with this name.
  ///
  /// - Parameter name: A name such as `digits-mlp`.
  /// - Returns: The task, or `nil` if no task has that name.
  package static func named(_ name: String) -> TrainingTask? {
    all.first { $0.name == name }
  }

  /// The MLP the reference runs in `fixtures/runs` train: 64-128-64-10 with ReLU on the digits,
  /// Adam, batch 64.
  package static let digitsMLP = TrainingTask(
    name: "digits-mlp", summary: "64-128-64-10 ReLU MLP on the 8×8 digits, Adam, batch 64",
    dataset: DatasetSpec(kind: .digits),
    architecture: Architecture(hiddenSizes: [128, 64], activation: .relu, initializer: .he),
    optimizer: .defaultAdam, batchSize: 64)

  /// `digits-mlp` trained with SGD and momentum 0.9.
  package static let digitsMLPSGD = digitsMLP.variant(
    named: "digits-mlp-sgd", summary: "64-128-64-10 ReLU MLP on the 8×8 digits, SGD momentum 0.9"
  ) {
    $0.optimizer = .momentumSGD
    $0.finderRange = FinderRange(startLearningRate: 1e-6, endLearningRate: 10, iterations: 100)
  }

  /// `digits-mlp` with discriminative learning rates: the first layer trains at 0.1× the rate.
  package static let digitsMLPDiscriminative = digitsMLP.variant(
    named: "digits-mlp-discriminative",
    summary: "64-128-64-10 ReLU MLP on the digits, Adam, first layer at 0.1× the learning rate"
  ) {
    $0.learningRateMultiplier = 0.1
  }

  /// A small convolutional network: 8 3×3 filters (padding 1), ReLU, flatten, 64, 10.
  package static let digitsCNN = TrainingTask(
    name: "digits-cnn",
    summary: "conv 8×3×3 (pad 1), ReLU, flatten, 512-64-10 on the 8×8 digits, Adam, batch 64",
    dataset: DatasetSpec(kind: .digits),
    architecture: Architecture(
      convolution: ConvolutionSpec(channels: 8, kernelSize: 3, padding: 1), hiddenSizes: [64],
      activation: .relu, initializer: .he),
    optimizer: .defaultAdam, batchSize: 64)

  /// Two interleaving moons with coordinate noise 0.2.
  package static let moonsMLP = TrainingTask(
    name: "moons-mlp", summary: "2-32-32-2 tanh MLP on 1,000 two-moons points (noise 0.2), Adam",
    dataset: DatasetSpec(kind: .moons, samples: 1000, inputNoise: 0.2, seed: 1),
    architecture: Architecture(hiddenSizes: [32, 32], activation: .tanh, initializer: .xavier),
    optimizer: .defaultAdam, batchSize: 32)

  /// Three spiral arms, a harder nonlinear problem.
  package static let spiralsMLP = TrainingTask(
    name: "spirals-mlp",
    summary: "2-64-64-3 ReLU MLP on 900 points of 3 spiral arms (angle noise 0.2), Adam",
    dataset: DatasetSpec(kind: .spirals(classes: 3), samples: 900, inputNoise: 0.2, seed: 2),
    architecture: Architecture(hiddenSizes: [64, 64], activation: .relu, initializer: .he),
    optimizer: .defaultAdam, batchSize: 32)

  /// Four overlapping Gaussian blobs, trained with Nesterov SGD.
  package static let blobsMLP = TrainingTask(
    name: "blobs-mlp",
    summary: "2-16-4 ReLU MLP on 800 points of 4 Gaussian blobs (sd 1.5), SGD Nesterov 0.9",
    dataset: DatasetSpec(
      kind: .blobs(classes: 4, features: 2), samples: 800, inputNoise: 1.5, seed: 3),
    architecture: Architecture(hiddenSizes: [16], activation: .relu, initializer: .he),
    optimizer: .sgd(momentum: 0.9, nesterov: true), batchSize: 32,
    finderRange: FinderRange(startLearningRate: 1e-6, endLearningRate: 10, iterations: 100))

  /// Linear least squares: a linear model (no hidden layer) with MSE and plain SGD.
  package static let linearRegression = TrainingTask(
    name: "linear-regression",
    summary:
      "linear model on 1,000 samples of y = x·w + 0.5 + noise (8 features, sd 0.1), MSE, SGD",
    dataset: DatasetSpec(
      kind: .linearRegression(features: 8), samples: 1000, labelNoise: 0.1, seed: 4),
    architecture: Architecture(hiddenSizes: [], initializer: .xavier),
    loss: .meanSquaredError, optimizer: .plainSGD, batchSize: 32,
    finderRange: FinderRange(startLearningRate: 1e-5, endLearningRate: 10, iterations: 100))
}
