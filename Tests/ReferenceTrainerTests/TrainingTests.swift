import LRLensCore
import LRLensTestSupport
import Testing

@testable import ReferenceTrainer

/// Constant-rate and one-cycle training, divergence, and the task registry.
@Suite struct TrainingTests {
  @Test func trainingAtASensibleRateLowersTheLoss() throws {
    let result = try TinyTasks.moons.train(seed: 1, schedule: .constant(0.01), steps: 80)
    #expect(!result.diverged)
    #expect(result.stepsCompleted == 80)
    let first = result.batchLosses.prefix(8).reduce(0, +) / 8
    #expect(result.finalTrainingLoss < 0.7 * first, "\(first) → \(result.finalTrainingLoss)")
    #expect(result.validationLoss < first)
    #expect((result.validationAccuracy ?? 0) >= 0.75)
  }

  @Test func aDivergingRunReportsInfinityInsteadOfTrapping() throws {
    let result = try TinyTasks.blobs.train(seed: 1, schedule: .constant(1e6), steps: 50)
    #expect(result.diverged)
    #expect(result.finalTrainingLoss == .infinity && result.validationLoss == .infinity)
    #expect(result.stepsCompleted <= 50)
  }

  @Test func theSameSeedStartsFromTheSameWeightsWhateverTheRate() throws {
    let slow = try TinyTasks.moons.train(seed: 4, schedule: .constant(1e-4), steps: 3)
    let fast = try TinyTasks.moons.train(seed: 4, schedule: .constant(1e-1), steps: 3)
    let other = try TinyTasks.moons.train(seed: 5, schedule: .constant(1e-4), steps: 3)
    #expect(slow.batchLosses[0] == fast.batchLosses[0])
    #expect(slow.batchLosses[1] != fast.batchLosses[1])
    #expect(slow.batchLosses[0] != other.batchLosses[0])
    let again = try TinyTasks.moons.train(seed: 4, schedule: .constant(1e-4), steps: 3)
    #expect(again == slow)
  }

  @Test func oneCycleWarmsUpToTheMaximumThenAnneals() {
    let schedule = LearningRateSchedule.oneCycle(maxLearningRate: 1)
    #expect(schedule.learningRate(step: 0, totalSteps: 100) == 1.0 / 25)
    #expect(abs(schedule.learningRate(step: 25, totalSteps: 100) - 1) < 1e-15)
    let last = schedule.learningRate(step: 99, totalSteps: 100)
    #expect(last < 1e-3 && last > 1e-5)
    let rates = (0..<100).map { schedule.learningRate(step: $0, totalSteps: 100) }
    #expect(zip(rates[0..<25], rates[1..<26]).allSatisfy { $0 < $1 })
    #expect(zip(rates[25..<99], rates[26..<100]).allSatisfy { $0 > $1 })
  }

  @Test func oneCycleTrainingRuns() throws {
    let result = try TinyTasks.moons.train(
      seed: 2, schedule: .oneCycle(maxLearningRate: 0.05), steps: 40)
    #expect(!result.diverged && result.finalTrainingLoss.isFinite)
  }

  @Test func badStepCountsAndRatesAreUsageErrors() {
    #expect(throws: LRLensError.self) {
      try TinyTasks.moons.train(seed: 1, schedule: .constant(0.1), steps: 0)
    }
    #expect(throws: LRLensError.self) {
      try TinyTasks.moons.train(seed: 1, schedule: .constant(-1), steps: 5)
    }
  }

  @Test func theRegistryHasTheRequiredTasksAndEveryOneValidates() throws {
    let required = [
      "digits-mlp", "digits-cnn", "digits-mlp-sgd", "moons-mlp", "spirals-mlp", "blobs-mlp",
      "linear-regression",
    ]
    for name in required {
      #expect(TrainingTask.named(name) != nil, "\(name) is registered")
    }
    #expect(TrainingTask.names == TrainingTask.names.sorted())
    #expect(Set(TrainingTask.names).count == TrainingTask.all.count)
    for task in TrainingTask.all {
      try task.validate()
      #expect(!task.summary.isEmpty)
    }
    #expect(TrainingTask.named("nope") == nil)
    let mlp = try #require(TrainingTask.named("digits-mlp"))
    #expect(mlp.architecture.hiddenSizes == [128, 64] && mlp.batchSize == 64)
    #expect(mlp.optimizer == .defaultAdam)
  }

  @Test func invalidTasksAreRefused() {
    let noBatch = TinyTasks.moons.variant(named: "bad", summary: "bad") { $0.batchSize = 0 }
    #expect(throws: LRLensError.self) { try noBatch.validate() }
    let wrongLoss = TinyTasks.moons.variant(named: "bad", summary: "bad") {
      $0.loss = .meanSquaredError
    }
    #expect(throws: LRLensError.self) { try wrongLoss.validate() }
    let convOnTable = TinyTasks.moons.variant(named: "bad", summary: "bad") {
      $0.architecture.convolution = ConvolutionSpec(channels: 2)
    }
    #expect(throws: LRLensError.self) { try convOnTable.validate() }
  }

  @Test func theRegisteredTasksTrainOneStep() throws {
    for task in TrainingTask.all {
      let result = try task.train(seed: 0, schedule: .constant(1e-3), steps: 1)
      #expect(result.batchLosses.count == 1 && result.batchLosses[0].isFinite, "\(task.name)")
    }
  }
}
