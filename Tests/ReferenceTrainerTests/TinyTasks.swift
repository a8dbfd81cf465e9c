@testable import ReferenceTrainer

/// Small tasks that train in milliseconds in a debug build.
enum TinyTasks {
  /// 96 blob points, 2 features, 3 classes, a 2-8-3 ReLU MLP with plain SGD, batch 16.
  static let blobs = TrainingTask(
    name: "tiny-blobs", summary: "tiny blobs",
    dataset: DatasetSpec(
      kind: .blobs(classes: 3, features: 2), samples: 96, inputNoise: 1, seed: 7),
    architecture: Architecture(hiddenSizes: [8], activation: .relu, initializer: .he),
    optimizer: .plainSGD, batchSize: 16,
    finderRange: .init(startLearningRate: 1e-4, endLearningRate: 100, iterations: 40))

  /// 200 moons points, a 2-16-2 tanh MLP with Adam, batch 20.
  static let moons = TrainingTask(
    name: "tiny-moons", summary: "tiny moons",
    dataset: DatasetSpec(kind: .moons, samples: 200, inputNoise: 0.1, seed: 5),
    architecture: Architecture(hiddenSizes: [16], activation: .tanh, initializer: .xavier),
    optimizer: .defaultAdam, batchSize: 20)

  /// A diverging setup: 400 blob points (20 batches per epoch, so Keras's 5-batch grace
  /// period ends within an epoch) with SGD swept up to a rate of 1e4.
  static let exploding = blobs.variant(named: "tiny-exploding", summary: "diverges") {
    $0.dataset.samples = 400
    $0.finderRange = .init(startLearningRate: 1e-3, endLearningRate: 1e4, iterations: 60)
  }
}
