/// A small feed-forward network with its buffers: parameters, gradients, and per-layer
/// activations and gradients for up to `capacity` samples, all allocated once.
///
/// The layers are an optional convolution, dense hidden layers with an activation after each,
/// and a dense output layer. Parameters live in one contiguous buffer, layer by layer (weights,
/// then biases). They form two parameter groups: group 0 is the first layer with parameters,
/// group 1 everything after it, so an optimizer can give the first layer its own learning rate.
///
/// A forward pass followed by a backward pass fills `gradients` with the gradient of the mean
/// batch loss. Nothing in the passes allocates.
package final class Network {
  /// One layer and where its values live.
  struct Layer {
    enum Kind {
      case dense
      case convolution(Kernels.ConvolutionGeometry)
      case activation(Activation)
    }

    var kind: Kind
    /// Values per sample of the input and of the output.
    var inputSize: Int
    var outputSize: Int
    /// The first weight and the first bias in the parameter buffer, and the parameter count.
    var weightOffset: Int
    var biasOffset: Int
    var parameterCount: Int
    /// Fan-in and fan-out for initialization.
    var fanIn: Int
    var fanOut: Int
  }

  /// The layers in order.
  let layers: [Layer]
  /// The loss the output feeds.
  package let loss: LossKind
  /// Values per input sample.
  package let inputSize: Int
  /// The number of outputs per sample.
  package let outputSize: Int
  /// The largest batch the buffers hold.
  package let capacity: Int
  /// The parameter ranges of group 0 (first layer) and group 1 (the rest; may be empty).
  package let groupRanges: [Range<Int>]

  /// The number of parameters.
  package let parameterCount: Int
  /// The first parameter; the parameters are stored layer by layer.
  private let parameterStart: UnsafeMutablePointer<Double>
  /// The first gradient value, same layout as the parameters.
  private let gradientStart: UnsafeMutablePointer<Double>
  /// Activation buffers: index 0 is the input, index `l + 1` the output of layer `l`.
  private let activations: [UnsafeMutablePointer<Double>]
  /// Gradient buffers with the same sizes as `activations` (index 0 is never written).
  private let deltas: [UnsafeMutablePointer<Double>]
  /// The labels (classification) or target values (regression) of the current batch.
  private let labels: UnsafeMutablePointer<Int>
  private let targetValues: UnsafeMutablePointer<Double>
  private let allocations: [UnsafeMutableRawPointer]

  /// Builds a network and draws its initial weights from `seed`.
  ///
  /// The same architecture, shapes and seed always give the same weights, whatever the
  /// learning rate or optimizer used later.
  ///
  /// - Parameters:
  ///   - architecture: The layer layout.
  ///   - channels: The input's channels.
  ///   - height: The input's height.
  ///   - width: The input's width.
  ///   - outputs: The number of outputs.
  ///   - loss: The loss the output feeds.
  ///   - capacity: The largest batch.
  ///   - seed: The seed of the weights.
  package init(
    architecture: Architecture, channels: Int, height: Int, width: Int, outputs: Int,
    loss: LossKind, capacity: Int, seed: UInt64
  ) {
    precondition(capacity > 0 && outputs > 0, "empty network")
    var layers: [Layer] = []
    var size = channels * height * width
    var offset = 0
    if let convolution = architecture.convolution {
      let geometry = Kernels.ConvolutionGeometry(
        inputChannels: channels, height: height, width: width,
        outputChannels: convolution.channels, kernel: convolution.kernelSize,
        padding: convolution.padding)
      precondition(geometry.outputHeight > 0 && geometry.outputWidth > 0, "kernel too large")
      let taps = convolution.kernelSize * convolution.kernelSize
      layers.append(
        Layer(
          kind: .convolution(geometry), inputSize: size, outputSize: geometry.outputSize,
          weightOffset: offset, biasOffset: offset + geometry.weightCount,
          parameterCount: geometry.weightCount + convolution.channels,
          fanIn: channels * taps, fanOut: convolution.channels * taps))
      offset += geometry.weightCount + convolution.channels
      size = geometry.outputSize
      layers.append(Self.activationLayer(architecture.activation, size: size, offset: offset))
    }
    func appendDense(_ outputs: Int) {
      layers.append(
        Layer(
          kind: .dense, inputSize: size, outputSize: outputs, weightOffset: offset,
          biasOffset: offset + size * outputs, parameterCount: size * outputs + outputs,
          fanIn: size, fanOut: outputs))
      offset += size * outputs + outputs
      size = outputs
    }
    for hidden in architecture.hiddenSizes {
      appendDense(hidden)
      layers.append(Self.activationLayer(architecture.activation, size: size, offset: offset))
    }
    appendDense(outputs)
    self.layers = layers
    self.loss = loss
    inputSize = channels * height * width
    outputSize = outputs
    self.capacity = capacity
    let firstEnd = layers.first { $0.parameterCount > 0 }.map {
      $0.weightOffset + $0.parameterCount
    }
    groupRanges = [0..<(firstEnd ?? 0), (firstEnd ?? 0)..<offset]

    var allocations: [UnsafeMutableRawPointer] = []
    func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
      let pointer = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(count, 1))
      pointer.initialize(repeating: 0, count: Swift.max(count, 1))
      allocations.append(UnsafeMutableRawPointer(pointer))
      return pointer
    }
    parameterStart = allocate(offset)
    gradientStart = allocate(offset)
    parameterCount = offset
    var activations = [allocate(capacity * inputSize)]
    var deltas = [allocate(capacity * inputSize)]
    for layer in layers {
      activations.append(allocate(capacity * layer.outputSize))
      deltas.append(allocate(capacity * layer.outputSize))
    }
    self.activations = activations
    self.deltas = deltas
    labels = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    labels.initialize(repeating: 0, count: capacity)
    allocations.append(UnsafeMutableRawPointer(labels))
    targetValues = allocate(capacity * outputs)
    self.allocations = allocations
    initialize(architecture.initializer, seed: seed)
  }

  deinit {
    for pointer in allocations {
      pointer.deallocate()
    }
  }

  private static func activationLayer(_ activation: Activation, size: Int, offset: Int) -> Layer {
    Layer(
      kind: .activation(activation), inputSize: size, outputSize: size, weightOffset: offset,
      biasOffset: offset, parameterCount: 0, fanIn: size, fanOut: size)
  }

  /// All parameters, layer by layer (weights, then biases).
  package var parameters: UnsafeMutableBufferPointer<Double> {
    UnsafeMutableBufferPointer(start: parameterStart, count: parameterCount)
  }

  /// The gradient of the last batch's mean loss, in the layout of `parameters`.
  package var gradients: UnsafeMutableBufferPointer<Double> {
    UnsafeMutableBufferPointer(start: gradientStart, count: parameterCount)
  }

  /// A copy of the parameters.
  package var parameterValues: [Double] {
    get { Array(parameters) }
    set {
      precondition(newValue.count == parameterCount, "parameter count differs")
      _ = parameters.update(fromContentsOf: newValue)
    }
  }

  /// Draws every weight from the initializer and zeroes every bias, in layer order.
  private func initialize(_ initializer: WeightInitializer, seed: UInt64) {
    var generator = SeededGenerator(seed: seed, stream: 0x494E_4954)
    for layer in layers where layer.parameterCount > 0 {
      let weightCount = layer.biasOffset - layer.weightOffset
      switch initializer {
      case .he:
        let deviation = (2 / Double(layer.fanIn)).squareRoot()
        for index in 0..<weightCount {
          parameterStart[layer.weightOffset + index] = deviation * generator.nextGaussian()
        }
      case .xavier:
        let bound = (6 / Double(layer.fanIn + layer.fanOut)).squareRoot()
        for index in 0..<weightCount {
          parameterStart[layer.weightOffset + index] = generator.nextUniform(-bound, bound)
        }
      }
      for index in layer.biasOffset..<(layer.weightOffset + layer.parameterCount) {
        parameterStart[index] = 0
      }
    }
  }

  /// Copies the samples at `indices` into the input and target buffers.
  ///
  /// - Parameters:
  ///   - indices: Sample indices into `dataset`, at most `capacity` of them.
  ///   - dataset: The dataset they come from; its shape must match the network's input.
  /// - Returns: The number of samples loaded.
  @discardableResult
  package func load(_ indices: ArraySlice<Int>, from dataset: Dataset) -> Int {
    precondition(indices.count <= capacity, "batch larger than capacity")
    precondition(dataset.featureCount == inputSize, "dataset shape differs from the network's")
    let input = activations[0]
    dataset.features.withUnsafeBufferPointer { features in
      guard let base = features.baseAddress else { return }
      for (row, index) in indices.enumerated() {
        (input + row * inputSize).update(from: base + index * inputSize, count: inputSize)
      }
    }
    switch dataset.targets {
    case .classes(let classLabels, _):
      for (row, index) in indices.enumerated() {
        labels[row] = classLabels[index]
      }
    case .values(let values, let width):
      precondition(width == outputSize, "target width differs from the network's outputs")
      values.withUnsafeBufferPointer { values in
        guard let base = values.baseAddress else { return }
        for (row, index) in indices.enumerated() {
          (targetValues + row * width).update(from: base + index * width, count: width)
        }
      }
    }
    return indices.count
  }

  /// Runs the loaded batch forward and returns its mean loss; the gradient of the loss with
  /// respect to the output is kept for `backward(batchCount:)`.
  ///
  /// - Parameter batchCount: The number of loaded samples.
  /// - Returns: The mean loss and, for classification, the number of correct predictions.
  @discardableResult
  package func forward(batchCount: Int) -> (loss: Double, correct: Int) {
    for (index, layer) in layers.enumerated() {
      let input = UnsafePointer(activations[index])
      let output = activations[index + 1]
      switch layer.kind {
      case .dense:
        Kernels.denseForward(
          input: input, weights: UnsafePointer(parameterStart + layer.weightOffset),
          bias: UnsafePointer(parameterStart + layer.biasOffset), output: output,
          batch: batchCount, inputs: layer.inputSize, outputs: layer.outputSize)
      case .convolution(let geometry):
        Kernels.convolutionForward(
          input: input, weights: UnsafePointer(parameterStart + layer.weightOffset),
          bias: UnsafePointer(parameterStart + layer.biasOffset), output: output,
          batch: batchCount, geometry: geometry)
      case .activation(let activation):
        Kernels.activationForward(
          activation, input: input, output: output, count: batchCount * layer.outputSize)
      }
    }
    let last = layers.count
    switch loss {
    case .crossEntropy:
      return Kernels.softmaxCrossEntropy(
        logits: activations[last], labels: labels, gradient: deltas[last], batch: batchCount,
        classes: outputSize)
    case .meanSquaredError:
      let value = Kernels.meanSquaredError(
        outputs: activations[last], targets: targetValues, gradient: deltas[last],
        batch: batchCount, width: outputSize)
      return (value, 0)
    }
  }

  /// Back-propagates the last forward pass and overwrites `gradients` with the gradient of the
  /// batch's mean loss.
  ///
  /// - Parameter batchCount: The number of samples of that forward pass.
  package func backward(batchCount: Int) {
    gradientStart.update(repeating: 0, count: parameterCount)
    for index in layers.indices.reversed() {
      let layer = layers[index]
      let input = UnsafePointer(activations[index])
      let outputGradient = UnsafePointer(deltas[index + 1])
      // The input needs no gradient, nor does anything before the first layer with parameters.
      let inputGradient = index == 0 ? nil : deltas[index]
      switch layer.kind {
      case .dense:
        Kernels.denseBackward(
          input: input, weights: UnsafePointer(parameterStart + layer.weightOffset),
          outputGradient: outputGradient,
          weightGradient: gradientStart + layer.weightOffset,
          biasGradient: gradientStart + layer.biasOffset, inputGradient: inputGradient,
          batch: batchCount, inputs: layer.inputSize, outputs: layer.outputSize)
      case .convolution(let geometry):
        Kernels.convolutionBackward(
          input: input, weights: UnsafePointer(parameterStart + layer.weightOffset),
          outputGradient: outputGradient,
          weightGradient: gradientStart + layer.weightOffset,
          biasGradient: gradientStart + layer.biasOffset, inputGradient: inputGradient,
          batch: batchCount, geometry: geometry)
      case .activation(let activation):
        if let inputGradient {
          Kernels.activationBackward(
            activation, input: input, output: UnsafePointer(activations[index + 1]),
            outputGradient: outputGradient, inputGradient: inputGradient,
            count: batchCount * layer.outputSize)
        }
      }
    }
  }

  /// The mean loss and accuracy over a whole dataset, in chunks of `capacity`, without changing
  /// the parameters.
  ///
  /// - Parameter dataset: The samples to evaluate.
  /// - Returns: The sample-weighted mean loss and, for classification, the share of correct
  ///   predictions; `(0, nil)` for an empty dataset.
  package func evaluate(_ dataset: Dataset) -> (loss: Double, accuracy: Double?) {
    let count = dataset.count
    guard count > 0 else { return (0, nil) }
    let order = Array(0..<count)
    var total = 0.0
    var correct = 0
    var start = 0
    while start < count {
      let end = Swift.min(start + capacity, count)
      let batch = load(order[start..<end], from: dataset)
      let result = forward(batchCount: batch)
      total += result.loss * Double(batch)
      correct += result.correct
      start = end
    }
    switch dataset.targets {
    case .classes: return (total / Double(count), Double(correct) / Double(count))
    case .values: return (total / Double(count), nil)
    }
  }
}
