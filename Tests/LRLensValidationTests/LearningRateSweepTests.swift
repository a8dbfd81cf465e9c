import LRLensTestSupport
import ReferenceTrainer
import Testing

@testable import LRLensValidation

/// 200 moons points, a 2-16-2 tanh MLP with Adam, batch 20: trains in milliseconds in a debug
/// build.
private let tinyMoons = TrainingTask.moonsMLP.variant(named: "tiny-moons", summary: "tiny moons") {
  $0.dataset = DatasetSpec(kind: .moons, samples: 200, inputNoise: 0.1, seed: 5)
  $0.architecture = Architecture(hiddenSizes: [16], activation: .tanh, initializer: .xavier)
  $0.optimizer = .defaultAdam
  $0.batchSize = 20
}

/// Sweeps over learning rates.
@Suite struct LearningRateSweepTests {
  @Test func logSpacedRatesIncludeBothEnds() {
    let rates = TrainingTask.logSpacedLearningRates(from: 1e-4, to: 1, count: 5)
    #expect(rates.count == 5 && rates.first == 1e-4 && rates.last == 1)
    expectClose(rates[2], 1e-2, relativeTolerance: 1e-12, "middle")
    #expect(TrainingTask.logSpacedLearningRates(from: 1, to: 2, count: 0).isEmpty)
    #expect(TrainingTask.logSpacedLearningRates(from: 0, to: 2, count: 3).isEmpty)
  }

  @Test func aSweepFindsAMiddleRateAndSkipsDivergedRuns() throws {
    let report = try SweepReport.run(
      task: tinyMoons,
      settings: SweepSettings(learningRates: [1e-5, 1e-2, 1e5], seeds: [3], steps: 40))
    let constant = report.rows.filter { $0.schedule == .constant }
    #expect(constant.map(\.learningRate) == [1e-5, 1e-2, 1e5])
    #expect(constant[2].divergedRuns == 1 || constant[2].meanValidationLoss > 1)
    #expect(report.best?.learningRate == 1e-2)
    #expect(report.rows.filter { $0.schedule == .oneCycle }.count == 3)
  }
}
