import Testing

@testable import ReferenceTrainer

/// Compares the network's analytic gradients with central finite differences.
@Suite struct GradientCheckTests {
  /// One small network to check.
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var architecture: Architecture
    var dataset: Dataset
    var loss: LossKind
    var testDescription: String { name }
  }

  /// A random image-shaped classification set: 6 samples of `1 × 5 × 5`, 3 classes.
  static func images(seed: UInt64) -> Dataset {
    var generator = SeededGenerator(seed: seed)
    let features = (0..<(6 * 25)).map { _ in generator.nextUniform(-1, 1) }
    return Dataset(
      name: "images", channels: 1, height: 5, width: 5, features: features,
      targets: .classes(labels: [0, 1, 2, 1, 0, 2], classCount: 3))
  }

  /// A random tabular set: 5 samples of 4 features with classes or 2 regression targets.
  static func table(seed: UInt64, regression: Bool) -> Dataset {
    var generator = SeededGenerator(seed: seed)
    let features = (0..<20).map { _ in generator.nextUniform(-1, 1) }
    let targets: Dataset.Targets =
      regression
      ? .values((0..<10).map { _ in generator.nextUniform(-2, 2) }, width: 2)
      : .classes(labels: [0, 2, 1, 1, 2], classCount: 3)
    return Dataset(name: "table", width: 4, features: features, targets: targets)
  }

  static let cases: [Case] = [
    Case(
      name: "dense relu, cross-entropy",
      architecture: Architecture(hiddenSizes: [6, 5], activation: .relu, initializer: .he),
      dataset: table(seed: 1, regression: false), loss: .crossEntropy),
    Case(
      name: "dense tanh, cross-entropy",
      architecture: Architecture(hiddenSizes: [7], activation: .tanh, initializer: .xavier),
      dataset: table(seed: 2, regression: false), loss: .crossEntropy),
    Case(
      name: "dense tanh, mse",
      architecture: Architecture(hiddenSizes: [5], activation: .tanh, initializer: .xavier),
      dataset: table(seed: 3, regression: true), loss: .meanSquaredError),
    Case(
      name: "linear, mse",
      architecture: Architecture(hiddenSizes: [], initializer: .xavier),
      dataset: table(seed: 4, regression: true), loss: .meanSquaredError),
    Case(
      name: "conv padding 1 relu, cross-entropy",
      architecture: Architecture(
        convolution: ConvolutionSpec(channels: 2, kernelSize: 3, padding: 1), hiddenSizes: [4],
        activation: .relu, initializer: .he),
      dataset: images(seed: 5), loss: .crossEntropy),
    Case(
      name: "conv padding 0 tanh, cross-entropy",
      architecture: Architecture(
        convolution: ConvolutionSpec(channels: 3, kernelSize: 2, padding: 0), hiddenSizes: [],
        activation: .tanh, initializer: .xavier),
      dataset: images(seed: 6), loss: .crossEntropy),
  ]

  @Test(arguments: cases)
  func analyticGradientMatchesCentralDifferences(_ testCase: Case) {
    let dataset = testCase.dataset
    let network = Network(
      architecture: testCase.architecture, channels: dataset.channels, height: dataset.height,
      width: dataset.width, outputs: dataset.outputCount, loss: testCase.loss,
      capacity: dataset.count, seed: 11)
    // Biases start at zero; give them values so their gradients are not trivially symmetric.
    var generator = SeededGenerator(seed: 99)
    var values = network.parameterValues
    for index in values.indices where values[index] == 0 {
      values[index] = generator.nextUniform(-0.3, 0.3)
    }
    network.parameterValues = values
    let batch = network.load(Array(0..<dataset.count)[...], from: dataset)
    network.forward(batchCount: batch)
    network.backward(batchCount: batch)
    let analytic = Array(network.gradients)
    let step = 1e-6
    var worst = 0.0
    for index in values.indices {
      var shifted = values
      shifted[index] = values[index] + step
      network.parameterValues = shifted
      let plus = network.forward(batchCount: batch).loss
      shifted[index] = values[index] - step
      network.parameterValues = shifted
      let minus = network.forward(batchCount: batch).loss
      let numeric = (plus - minus) / (2 * step)
      let error = abs(numeric - analytic[index]) / max(abs(numeric) + abs(analytic[index]), 1e-7)
      worst = max(worst, error)
    }
    network.parameterValues = values
    #expect(worst < 1e-6, "\(testCase.name): worst relative error \(worst)")
  }

  @Test func groupZeroIsTheFirstLayer() {
    let network = Network(
      architecture: Architecture(hiddenSizes: [5]), channels: 1, height: 1, width: 4, outputs: 3,
      loss: .crossEntropy, capacity: 2, seed: 1)
    #expect(network.groupRanges == [0..<25, 25..<43])
    let conv = Network(
      architecture: Architecture(
        convolution: ConvolutionSpec(channels: 2, kernelSize: 3, padding: 1), hiddenSizes: []),
      channels: 1, height: 8, width: 8, outputs: 10, loss: .crossEntropy, capacity: 2, seed: 1)
    #expect(conv.groupRanges == [0..<20, 20..<(20 + 128 * 10 + 10)])
  }
}
