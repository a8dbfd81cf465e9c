internal import LRLensCore

/// The numeric loops of the network, on raw pointers into preallocated buffers.
///
/// Every loop runs in a fixed order with no parallel reduction, so the same inputs give the same
/// bits. Matrices are row-major. The matrix products run in i-k-j order: the innermost loop walks
/// one row of the weights and one row of the output contiguously, which the compiler vectorizes.
enum Kernels {
  /// `output[b, j] = bias[j] + Σₖ input[b, k] · weights[k, j]` for a batch.
  ///
  /// - Parameters:
  ///   - input: `batch × inputs` values.
  ///   - weights: `inputs × outputs` values followed by nothing; row `k` holds the weights from
  ///     input `k`.
  ///   - bias: `outputs` values.
  ///   - output: `batch × outputs` values, overwritten.
  ///   - batch: The number of rows.
  ///   - inputs: The input width.
  ///   - outputs: The output width.
  static func denseForward(
    input: UnsafePointer<Double>, weights: UnsafePointer<Double>, bias: UnsafePointer<Double>,
    output: UnsafeMutablePointer<Double>, batch: Int, inputs: Int, outputs: Int
  ) {
    for row in 0..<batch {
      let source = input + row * inputs
      let target = output + row * outputs
      target.update(from: bias, count: outputs)
      for inner in 0..<inputs {
        let value = source[inner]
        let weightRow = weights + inner * outputs
        for column in 0..<outputs {
          target[column] += value * weightRow[column]
        }
      }
    }
  }

  /// Accumulates the dense layer's weight and bias gradients and, if asked, writes the input
  /// gradient.
  ///
  /// - Parameters:
  ///   - input: The layer's `batch × inputs` input.
  ///   - weights: The `inputs × outputs` weights.
  ///   - outputGradient: `batch × outputs` gradients of the loss with respect to the output.
  ///   - weightGradient: `inputs × outputs` values to add to.
  ///   - biasGradient: `outputs` values to add to.
  ///   - inputGradient: `batch × inputs` values to overwrite, or `nil` to skip.
  ///   - batch: The number of rows.
  ///   - inputs: The input width.
  ///   - outputs: The output width.
  static func denseBackward(
    input: UnsafePointer<Double>, weights: UnsafePointer<Double>,
    outputGradient: UnsafePointer<Double>, weightGradient: UnsafeMutablePointer<Double>,
    biasGradient: UnsafeMutablePointer<Double>, inputGradient: UnsafeMutablePointer<Double>?,
    batch: Int, inputs: Int, outputs: Int
  ) {
    for row in 0..<batch {
      let source = input + row * inputs
      let gradient = outputGradient + row * outputs
      for column in 0..<outputs {
        biasGradient[column] += gradient[column]
      }
      for inner in 0..<inputs {
        let value = source[inner]
        let target = weightGradient + inner * outputs
        for column in 0..<outputs {
          target[column] += value * gradient[column]
        }
      }
      if let inputGradient {
        let target = inputGradient + row * inputs
        for inner in 0..<inputs {
          let weightRow = weights + inner * outputs
          var sum = 0.0
          for column in 0..<outputs {
            sum += weightRow[column] * gradient[column]
          }
          target[inner] = sum
        }
      }
    }
  }

  /// The shape of a stride-1, zero-padded 2-D convolution.
  struct ConvolutionGeometry: Hashable {
    /// Input channels, height and width.
    var inputChannels: Int
    var height: Int
    var width: Int
    /// Output channels, kernel side and padding.
    var outputChannels: Int
    var kernel: Int
    var padding: Int

    /// The output height.
    var outputHeight: Int { height + 2 * padding - kernel + 1 }
    /// The output width.
    var outputWidth: Int { width + 2 * padding - kernel + 1 }
    /// Values per sample of the input.
    var inputSize: Int { inputChannels * height * width }
    /// Values per sample of the output.
    var outputSize: Int { outputChannels * outputHeight * outputWidth }
    /// The number of weights (`outputChannels × inputChannels × kernel × kernel`).
    var weightCount: Int { outputChannels * inputChannels * kernel * kernel }

    /// The output rows whose input row `outputRow + tap − padding` lies inside the image.
    func validOutputs(tap: Int, extent: Int, outputExtent: Int) -> Range<Int> {
      let lower = Swift.max(0, padding - tap)
      let upper = Swift.min(outputExtent, extent + padding - tap)
      return lower..<Swift.max(lower, upper)
    }
  }

  /// The convolution's forward pass: `output[c] = bias[c] + Σ weights[c, i, ky, kx] · input[i]`
  /// shifted by the tap, for a batch of `channels × height × width` images.
  ///
  /// - Parameters:
  ///   - input: `batch × inputSize` values.
  ///   - weights: `outputChannels × inputChannels × kernel × kernel` values.
  ///   - bias: `outputChannels` values.
  ///   - output: `batch × outputSize` values, overwritten.
  ///   - batch: The number of images.
  ///   - geometry: The shapes.
  static func convolutionForward(
    input: UnsafePointer<Double>, weights: UnsafePointer<Double>, bias: UnsafePointer<Double>,
    output: UnsafeMutablePointer<Double>, batch: Int, geometry: ConvolutionGeometry
  ) {
    let outputHeight = geometry.outputHeight
    let outputWidth = geometry.outputWidth
    let plane = outputHeight * outputWidth
    let inputPlane = geometry.height * geometry.width
    for image in 0..<batch {
      let source = input + image * geometry.inputSize
      let target = output + image * geometry.outputSize
      for outputChannel in 0..<geometry.outputChannels {
        let targetPlane = target + outputChannel * plane
        targetPlane.update(repeating: bias[outputChannel], count: plane)
        for inputChannel in 0..<geometry.inputChannels {
          let sourcePlane = source + inputChannel * inputPlane
          let kernelBase =
            weights
            + (outputChannel * geometry.inputChannels + inputChannel) * geometry.kernel
            * geometry.kernel
          for tapRow in 0..<geometry.kernel {
            let rows = geometry.validOutputs(
              tap: tapRow, extent: geometry.height, outputExtent: outputHeight)
            for tapColumn in 0..<geometry.kernel {
              let weight = kernelBase[tapRow * geometry.kernel + tapColumn]
              let columns = geometry.validOutputs(
                tap: tapColumn, extent: geometry.width, outputExtent: outputWidth)
              for outputRow in rows {
                let inputRow =
                  sourcePlane + (outputRow + tapRow - geometry.padding) * geometry.width
                let outputRowStart = targetPlane + outputRow * outputWidth
                let shift = tapColumn - geometry.padding
                for outputColumn in columns {
                  outputRowStart[outputColumn] += weight * inputRow[outputColumn + shift]
                }
              }
            }
          }
        }
      }
    }
  }

  /// The convolution's backward pass: accumulates weight and bias gradients and, if asked,
  /// writes the input gradient.
  ///
  /// - Parameters:
  ///   - input: The layer's `batch × inputSize` input.
  ///   - weights: The weights.
  ///   - outputGradient: `batch × outputSize` gradients of the loss with respect to the output.
  ///   - weightGradient: Values to add the weight gradient to.
  ///   - biasGradient: Values to add the bias gradient to.
  ///   - inputGradient: `batch × inputSize` values to overwrite, or `nil` to skip.
  ///   - batch: The number of images.
  ///   - geometry: The shapes.
  static func convolutionBackward(
    input: UnsafePointer<Double>, weights: UnsafePointer<Double>,
    outputGradient: UnsafePointer<Double>, weightGradient: UnsafeMutablePointer<Double>,
    biasGradient: UnsafeMutablePointer<Double>, inputGradient: UnsafeMutablePointer<Double>?,
    batch: Int, geometry: ConvolutionGeometry
  ) {
    let outputHeight = geometry.outputHeight
    let outputWidth = geometry.outputWidth
    let plane = outputHeight * outputWidth
    let inputPlane = geometry.height * geometry.width
    for image in 0..<batch {
      let source = input + image * geometry.inputSize
      let gradient = outputGradient + image * geometry.outputSize
      let sourceGradient = inputGradient.map { $0 + image * geometry.inputSize }
      sourceGradient?.update(repeating: 0, count: geometry.inputSize)
      for outputChannel in 0..<geometry.outputChannels {
        let gradientPlane = gradient + outputChannel * plane
        var biasSum = 0.0
        for position in 0..<plane {
          biasSum += gradientPlane[position]
        }
        biasGradient[outputChannel] += biasSum
        for inputChannel in 0..<geometry.inputChannels {
          let sourcePlane = source + inputChannel * inputPlane
          let kernelOffset =
            (outputChannel * geometry.inputChannels + inputChannel) * geometry.kernel
            * geometry.kernel
          for tapRow in 0..<geometry.kernel {
            let rows = geometry.validOutputs(
              tap: tapRow, extent: geometry.height, outputExtent: outputHeight)
            for tapColumn in 0..<geometry.kernel {
              let tap = kernelOffset + tapRow * geometry.kernel + tapColumn
              let weight = weights[tap]
              let columns = geometry.validOutputs(
                tap: tapColumn, extent: geometry.width, outputExtent: outputWidth)
              let shift = tapColumn - geometry.padding
              var weightSum = 0.0
              for outputRow in rows {
                let inputRowOffset = (outputRow + tapRow - geometry.padding) * geometry.width
                let inputRow = sourcePlane + inputRowOffset
                let gradientRow = gradientPlane + outputRow * outputWidth
                for outputColumn in columns {
                  weightSum += gradientRow[outputColumn] * inputRow[outputColumn + shift]
                }
                if let sourceGradient {
                  let target = sourceGradient + inputChannel * inputPlane + inputRowOffset
                  for outputColumn in columns {
                    target[outputColumn + shift] += weight * gradientRow[outputColumn]
                  }
                }
              }
              weightGradient[tap] += weightSum
            }
          }
        }
      }
    }
  }

  /// Applies an activation to `count` values.
  ///
  /// - Parameters:
  ///   - activation: The nonlinearity.
  ///   - input: The values.
  ///   - output: Where the results go (may not alias `input`).
  ///   - count: The number of values.
  static func activationForward(
    _ activation: Activation, input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    switch activation {
    case .relu:
      // `x < 0 ? 0 : x` lets NaN through, as torch.relu does.
      for index in 0..<count {
        let value = input[index]
        output[index] = value < 0 ? 0 : value
      }
    case .tanh:
      for index in 0..<count {
        output[index] = LibM.hyperbolicTangent(input[index])
      }
    }
  }

  /// Multiplies the output gradient by the activation's derivative.
  ///
  /// - Parameters:
  ///   - activation: The nonlinearity.
  ///   - input: The activation's input (ReLU's mask is `input > 0`).
  ///   - output: The activation's output (tanh's derivative is `1 − output²`).
  ///   - outputGradient: The gradient with respect to the output.
  ///   - inputGradient: Where the gradient with respect to the input goes.
  ///   - count: The number of values.
  static func activationBackward(
    _ activation: Activation, input: UnsafePointer<Double>, output: UnsafePointer<Double>,
    outputGradient: UnsafePointer<Double>, inputGradient: UnsafeMutablePointer<Double>,
    count: Int
  ) {
    switch activation {
    case .relu:
      for index in 0..<count {
        inputGradient[index] = input[index] > 0 ? outputGradient[index] : 0
      }
    case .tanh:
      for index in 0..<count {
        let value = output[index]
        inputGradient[index] = outputGradient[index] * (1 - value * value)
      }
    }
  }
}
