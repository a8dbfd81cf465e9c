/// A nonlinearity applied element-wise between layers.
package enum Activation: String, Sendable, Hashable, CaseIterable {
  /// The rectified linear unit `max(0, x)`; NaN passes through, as in PyTorch.
  case relu
  /// The hyperbolic tangent.
  case tanh
}

/// How a layer's weights are drawn before training; biases always start at zero.
package enum WeightInitializer: String, Sendable, Hashable, CaseIterable {
  /// He (Kaiming) normal: `N(0, 2 / fanIn)`, the usual choice before ReLU.
  case he
  /// Xavier (Glorot) uniform: `U(−a, a)` with `a = √(6 / (fanIn + fanOut))`, the usual choice
  /// before tanh.
  case xavier
}

/// The one small convolution a network may start with: stride 1, square kernels, zero padding.
package struct ConvolutionSpec: Sendable, Hashable {
  /// The number of output channels (filters).
  package var channels: Int
  /// The side of the square kernel, for example 3.
  package var kernelSize: Int
  /// The zero padding on each border; `(kernelSize − 1) / 2` keeps the image size.
  package var padding: Int

  /// Creates a convolution description.
  ///
  /// - Parameters:
  ///   - channels: The number of output channels.
  ///   - kernelSize: The side of the square kernel.
  ///   - padding: The zero padding on each border.
  package init(channels: Int, kernelSize: Int = 3, padding: Int = 1) {
    self.channels = channels
    self.kernelSize = kernelSize
    self.padding = padding
  }
}

/// The shape of a network: an optional convolution, then dense hidden layers, then the output.
///
/// The input size and the number of outputs come from the dataset, so one architecture fits
/// every dataset of the same kind. Every hidden layer (and the convolution) is followed by
/// `activation`; the last dense layer produces logits (classification) or values (regression).
/// The convolution's output is flattened channel by channel before the first dense layer.
package struct Architecture: Sendable, Hashable {
  /// The convolution applied to the image first, if any; it needs an image dataset.
  package var convolution: ConvolutionSpec?
  /// The widths of the dense hidden layers, input side first; empty for a linear model.
  package var hiddenSizes: [Int]
  /// The nonlinearity after the convolution and after each hidden layer.
  package var activation: Activation
  /// How the weights are drawn.
  package var initializer: WeightInitializer

  /// Creates an architecture.
  ///
  /// - Parameters:
  ///   - convolution: The leading convolution, if any.
  ///   - hiddenSizes: The widths of the dense hidden layers.
  ///   - activation: The nonlinearity between layers.
  ///   - initializer: How the weights are drawn.
  package init(
    convolution: ConvolutionSpec? = nil, hiddenSizes: [Int], activation: Activation = .relu,
    initializer: WeightInitializer = .he
  ) {
    self.convolution = convolution
    self.hiddenSizes = hiddenSizes
    self.activation = activation
    self.initializer = initializer
  }

  /// A short description such as `conv8x3x3-relu-64-10` for a given input and output size.
  ///
  /// - Parameters:
  ///   - inputSize: The number of input features.
  ///   - outputs: The number of outputs.
  /// - Returns: The layer widths joined by dashes.
  package func summary(inputSize: Int, outputs: Int) -> String {
    var parts: [String] = []
    if let convolution {
      parts.append(
        "conv\(convolution.channels)x\(convolution.kernelSize)x\(convolution.kernelSize)")
    } else {
      parts.append(String(inputSize))
    }
    parts += hiddenSizes.map(String.init)
    parts.append(String(outputs))
    return parts.joined(separator: "-") + " " + activation.rawValue
  }
}
