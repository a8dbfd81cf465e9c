import Testing

@testable import ReferenceTrainer

/// One or two updates by hand against PyTorch's formulas.
@Suite struct OptimizerTests {
  /// Runs `steps` updates of two parameters (one per group) with constant gradients.
  static func run(_ kind: OptimizerKind, steps: Int, rates: [Double] = [0.1, 1]) -> [Double] {
    let optimizer = Optimizer(kind, parameterCount: 2)
    var parameters: [Double] = [1, -2]
    var gradients: [Double] = [0.5, -0.25]
    for _ in 0..<steps {
      parameters.withUnsafeMutableBufferPointer { theta in
        gradients.withUnsafeMutableBufferPointer { gradient in
          optimizer.step(
            parameters: theta, gradients: gradient, groups: [0..<1, 1..<2], learningRates: rates)
        }
      }
    }
    return parameters
  }

  @Test func plainSGDStepsAgainstTheGradientAtEachGroupsRate() {
    #expect(Self.run(.plainSGD, steps: 1) == [1 - 0.1 * 0.5, -2 + 1 * 0.25])
  }

  @Test func momentumAccumulatesAndNesterovLooksAhead() {
    // Buffer b1 = g, b2 = 0.9 g + g = 1.9 g; parameter moves by lr (g + 1.9 g).
    let momentum = Self.run(.sgd(momentum: 0.9), steps: 2, rates: [1, 1])
    #expect(abs(momentum[0] - (1 - 0.5 - 0.9 * 0.5 - 0.5)) < 1e-15)
    // Nesterov: step 1 moves g + 0.9 g, step 2 moves g + 0.9 · 1.9 g.
    let nesterov = Self.run(.sgd(momentum: 0.9, nesterov: true), steps: 2, rates: [1, 1])
    let expected = 1 - (0.5 + 0.9 * 0.5) - (0.5 + 0.9 * (0.9 * 0.5 + 0.5))
    #expect(abs(nesterov[0] - expected) < 1e-15)
  }

  @Test func adamFirstStepMovesByTheLearningRate() {
    // m̂ = g and √v̂ = |g| after one step, so the move is lr · g / (|g| + ε).
    let result = Self.run(.defaultAdam, steps: 1, rates: [0.1, 0.01])
    #expect(abs(result[0] - (1 - 0.1 * 0.5 / (0.5 + 1e-8))) < 1e-12)
    #expect(abs(result[1] - (-2 + 0.01 * 0.25 / (0.25 + 1e-8))) < 1e-12)
  }

  @Test func weightDecayAddsToTheGradient() {
    let result = Self.run(.sgd(weightDecay: 0.1), steps: 1, rates: [1, 1])
    #expect(result[0] == 1 - (0.5 + 0.1 * 1))
  }
}
