internal import LRLensCore

/// The training objective.
package enum LossKind: String, Sendable, Hashable, CaseIterable {
  /// Softmax over the logits, then the negative log-likelihood of the true class, averaged over
  /// the batch (PyTorch `CrossEntropyLoss()`).
  case crossEntropy = "cross-entropy"
  /// The squared difference averaged over every output of every sample (PyTorch `MSELoss()`).
  case meanSquaredError = "mse"
}

extension Kernels {
  /// The mean softmax cross-entropy of a batch, its gradient with respect to the logits, and
  /// the number of rows whose largest logit is the true class.
  ///
  /// Per row: `loss = log Σⱼ exp(zⱼ − m) + m − z_y` with `m = max z`, and
  /// `∂loss/∂zⱼ = (softmaxⱼ − [j = y]) / batch`. A NaN or infinite logit gives a NaN loss and
  /// NaN gradients, as PyTorch does; nothing traps.
  ///
  /// - Parameters:
  ///   - logits: `batch × classes` values.
  ///   - labels: `batch` class indices in `0..<classes`.
  ///   - gradient: `batch × classes` values, overwritten.
  ///   - batch: The number of rows.
  ///   - classes: The number of classes.
  /// - Returns: The mean loss and the number of correct predictions.
  static func softmaxCrossEntropy(
    logits: UnsafePointer<Double>, labels: UnsafePointer<Int>,
    gradient: UnsafeMutablePointer<Double>, batch: Int, classes: Int
  ) -> (loss: Double, correct: Int) {
    var total = 0.0
    var correct = 0
    let scale = 1 / Double(batch)
    for row in 0..<batch {
      let rowLogits = logits + row * classes
      let rowGradient = gradient + row * classes
      let label = labels[row]
      var largest = rowLogits[0]
      var best = 0
      for column in 1..<classes where rowLogits[column] > largest {
        largest = rowLogits[column]
        best = column
      }
      if best == label { correct += 1 }
      var sum = 0.0
      for column in 0..<classes {
        let shifted = LibM.exponential(rowLogits[column] - largest)
        rowGradient[column] = shifted
        sum += shifted
      }
      total += LibM.naturalLog(sum) + largest - rowLogits[label]
      let normalizer = scale / sum
      for column in 0..<classes {
        rowGradient[column] *= normalizer
      }
      rowGradient[label] -= scale
    }
    return (total * scale, correct)
  }

  /// The mean squared error of a batch and its gradient with respect to the outputs.
  ///
  /// `loss = Σ (y − t)² / (batch · width)` and `∂loss/∂y = 2 (y − t) / (batch · width)`.
  ///
  /// - Parameters:
  ///   - outputs: `batch × width` predictions.
  ///   - targets: `batch × width` targets.
  ///   - gradient: `batch × width` values, overwritten.
  ///   - batch: The number of rows.
  ///   - width: The number of outputs per row.
  /// - Returns: The mean loss.
  static func meanSquaredError(
    outputs: UnsafePointer<Double>, targets: UnsafePointer<Double>,
    gradient: UnsafeMutablePointer<Double>, batch: Int, width: Int
  ) -> Double {
    let count = batch * width
    let scale = 1 / Double(count)
    var total = 0.0
    for index in 0..<count {
      let difference = outputs[index] - targets[index]
      total += difference * difference
      gradient[index] = 2 * difference * scale
    }
    return total * scale
  }
}
