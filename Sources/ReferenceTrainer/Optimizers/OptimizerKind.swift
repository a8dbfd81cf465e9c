internal import LRLensCore

/// An optimizer and its hyper-parameters, with PyTorch's update rules and defaults.
package enum OptimizerKind: Sendable, Hashable {
  /// Stochastic gradient descent (`torch.optim.SGD`, dampening 0).
  ///
  /// With weight decay `λ` the gradient is `g + λθ`. With momentum `μ > 0` the buffer is
  /// `b ← μb + g` (`b = g` on the first step) and the step direction is `b`, or `g + μb` with
  /// Nesterov momentum. Update: `θ ← θ − lr · direction`.
  case sgd(momentum: Double = 0, nesterov: Bool = false, weightDecay: Double = 0)
  /// Adam (`torch.optim.Adam`, L2 weight decay added to the gradient, no AMSGrad).
  ///
  /// `m ← β₁m + (1 − β₁)g`, `v ← β₂v + (1 − β₂)g²`, then
  /// `θ ← θ − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)`.
  case adam(
    beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8, weightDecay: Double = 0)

  /// Plain SGD without momentum.
  package static let plainSGD = OptimizerKind.sgd()
  /// SGD with momentum 0.9.
  package static let momentumSGD = OptimizerKind.sgd(momentum: 0.9)
  /// Adam with PyTorch's defaults.
  package static let defaultAdam = OptimizerKind.adam()

  /// A short description such as `adam(0.9, 0.999)` or `sgd(momentum 0.9, nesterov)`.
  package var summary: String {
    switch self {
    case .sgd(let momentum, let nesterov, let weightDecay):
      var parts: [String] = []
      if momentum != 0 { parts.append("momentum \(momentum)") }
      if nesterov { parts.append("nesterov") }
      if weightDecay != 0 { parts.append("weight decay \(weightDecay)") }
      return parts.isEmpty ? "sgd" : "sgd(" + parts.joined(separator: ", ") + ")"
    case .adam(let beta1, let beta2, _, let weightDecay):
      let decay = weightDecay == 0 ? "" : ", weight decay \(weightDecay)"
      return "adam(\(beta1), \(beta2)\(decay))"
    }
  }
}

/// The optimizer's state (momentum or Adam moments) and its update, over the network's
/// parameter groups.
package final class Optimizer {
  /// The rule and hyper-parameters.
  package let kind: OptimizerKind
  private let count: Int
  private let first: UnsafeMutablePointer<Double>
  private let second: UnsafeMutablePointer<Double>
  /// The number of updates done, `t` in Adam's bias corrections.
  package private(set) var stepCount = 0

  /// Creates zeroed state for `parameterCount` parameters.
  ///
  /// - Parameters:
  ///   - kind: The rule and hyper-parameters.
  ///   - parameterCount: The number of parameters.
  package init(_ kind: OptimizerKind, parameterCount: Int) {
    self.kind = kind
    count = parameterCount
    first = .allocate(capacity: Swift.max(parameterCount, 1))
    first.initialize(repeating: 0, count: Swift.max(parameterCount, 1))
    second = .allocate(capacity: Swift.max(parameterCount, 1))
    second.initialize(repeating: 0, count: Swift.max(parameterCount, 1))
  }

  deinit {
    first.deallocate()
    second.deallocate()
  }

  /// Applies one update to every parameter group with its own learning rate.
  ///
  /// Non-finite gradients or learning rates are applied as they are (the parameters become
  /// NaN or ±∞, as in PyTorch); nothing traps.
  ///
  /// - Parameters:
  ///   - parameters: The parameters to update.
  ///   - gradients: Their gradients.
  ///   - groups: The parameter index ranges of each group.
  ///   - learningRates: One learning rate per group.
  package func step(
    parameters: UnsafeMutableBufferPointer<Double>, gradients: UnsafeMutableBufferPointer<Double>,
    groups: [Range<Int>], learningRates: [Double]
  ) {
    precondition(parameters.count == count && gradients.count == count, "size mismatch")
    precondition(groups.count == learningRates.count, "one learning rate per group")
    stepCount += 1
    guard let theta = parameters.baseAddress, let gradient = gradients.baseAddress else { return }
    switch kind {
    case .sgd(let momentum, let nesterov, let weightDecay):
      let isFirstStep = stepCount == 1
      for (group, learningRate) in zip(groups, learningRates) {
        for index in group {
          var direction = gradient[index]
          if weightDecay != 0 { direction += weightDecay * theta[index] }
          if momentum != 0 {
            let buffer = isFirstStep ? direction : momentum * first[index] + direction
            first[index] = buffer
            direction = nesterov ? direction + momentum * buffer : buffer
          }
          theta[index] -= learningRate * direction
        }
      }
    case .adam(let beta1, let beta2, let epsilon, let weightDecay):
      let step = Double(stepCount)
      let correction1 = 1 - LibM.power(beta1, step)
      let correction2Root = (1 - LibM.power(beta2, step)).squareRoot()
      for (group, learningRate) in zip(groups, learningRates) {
        let stepSize = learningRate / correction1
        for index in group {
          var direction = gradient[index]
          if weightDecay != 0 { direction += weightDecay * theta[index] }
          let mean = beta1 * first[index] + (1 - beta1) * direction
          let square = beta2 * second[index] + (1 - beta2) * direction * direction
          first[index] = mean
          second[index] = square
          let denominator = square.squareRoot() / correction2Root + epsilon
          theta[index] -= stepSize * (mean / denominator)
        }
      }
    }
  }
}
