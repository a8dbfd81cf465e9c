import LRLensAnalysis
import LRLensCore
import LRLensTestSupport
import Testing

@testable import ReferenceTrainer

/// The learning-rate grid of each finder, against upstream test vectors and the real
/// frameworks' exported runs in `fixtures/runs`.
@Suite struct FinderScheduleTests {
  /// A schedule with everything but the style and the settings fixed.
  static func schedule(
    _ style: FinderStyle, _ settings: RangeTestSettings, batchesPerEpoch: Int = 23,
    trainingCount: Int = 1437, batchSize: Int = 64
  ) -> FinderSchedule {
    FinderSchedule(
      style: style, settings: settings, batchesPerEpoch: batchesPerEpoch,
      trainingCount: trainingCount, batchSize: batchSize)
  }

  /// One real run: its file, the style, the settings it used and the data loader's shape.
  struct Run: CustomTestStringConvertible, Sendable {
    var path: String
    var style: FinderStyle
    var settings: RangeTestSettings
    var batchesPerEpoch = 23
    var batchSize = 64
    var testDescription: String { path }
  }

  static let runs: [Run] = [
    Run(
      path: "runs/fastai_mlp_digits/recorder.csv", style: .fastai,
      settings: .init(startLearningRate: 1e-7, endLearningRate: 10, iterations: 100)),
    Run(
      path: "runs/tlf_exp_mlp_digits/history.json", style: .torchLRFinder,
      settings: .init(startLearningRate: 1e-7, endLearningRate: 10, iterations: 100)),
    Run(
      path: "runs/lightning_exp_mlp_digits/results.json", style: .lightning,
      settings: .init(startLearningRate: 1e-8, endLearningRate: 1, iterations: 100)),
    Run(
      path: "runs/ignite_exp_mlp_digits/history.json", style: .ignite,
      settings: .init(startLearningRate: 1e-7, endLearningRate: 10, iterations: 100)),
    Run(
      path: "runs/keras-mlp_digits_adam/lr_finder.csv", style: .keras,
      settings: .init(startLearningRate: 1e-6, endLearningRate: 10, iterations: 135, epochs: 3),
      batchesPerEpoch: 45, batchSize: 32),
    Run(
      path: "runs/mxnet-mlp_digits_sgd_tutorial_defaults/results.csv", style: .mxnet,
      settings: .init(startLearningRate: 1e-6, endLearningRate: 10, iterations: 2000)),
  ]

  @Test(arguments: runs)
  func loggedRatesEqualTheFrameworksBitForBit(_ run: Run) throws {
    let curve = try #require(FixtureCurves.curve(run.path))
    let schedule = Self.schedule(
      run.style, run.settings, batchesPerEpoch: run.batchesPerEpoch, batchSize: run.batchSize)
    let logged = schedule.loggedRates.map { $0[schedule.loggedGroup] }
    #expect(curve.count <= logged.count)
    #expect(Array(logged.prefix(curve.count)) == curve.learningRates)
  }

  @Test func fastaiExcludesTheEndAndRaisesShortRunsToSix() {
    let settings = RangeTestSettings(startLearningRate: 1e-7, endLearningRate: 10, iterations: 100)
    let schedule = Self.schedule(.fastai, settings)
    #expect(schedule.plannedBatches == 100)
    #expect(schedule.loggedRates[0] == [1e-7, 1e-7])
    expectClose(schedule.loggedRates[99][1], 1e-7 * pow10(8 * 0.99), "last rate")
    #expect(schedule.loggedRates.allSatisfy { $0[1] < 10 })
    #expect(schedule.loggedGroup == 1)
    var short = settings
    short.iterations = 3
    let clamped = Self.schedule(.fastai, short)
    #expect(clamped.plannedBatches == 6)
    expectClose(clamped.loggedRates[5][1], 1e-7 * pow10(8 * 5 / 6), "sixth rate")
  }

  @Test func torchLRFinderIncludesBothEndpoints() {
    // Upstream tests: exp 1e-5 → 0.1 in 5 steps, linear 1e-5 → 5e-5 in 5 steps.
    let exponential = Self.schedule(
      .torchLRFinder, .init(startLearningRate: 1e-5, endLearningRate: 0.1, iterations: 5))
    let expected = [1e-5, 1e-4, 1e-3, 1e-2, 0.1]
    for (rates, value) in zip(exponential.loggedRates, expected) {
      expectClose(rates[0], value, relativeTolerance: 1e-12, "exponential")
    }
    let linear = Self.schedule(
      .torchLRFinder,
      .init(startLearningRate: 1e-5, endLearningRate: 5e-5, iterations: 5, stepMode: .linear))
    for (rates, value) in zip(linear.loggedRates, [1e-5, 2e-5, 3e-5, 4e-5, 5e-5]) {
      expectClose(rates[0], value, relativeTolerance: 1e-12, "linear")
    }
    #expect(exponential.plannedBatches == 5 && exponential.loggedGroup == 0)
  }

  @Test func torchLRFinderGivesGroupZeroItsOwnStartButTheSameEnd() {
    let schedule = Self.schedule(
      .torchLRFinder,
      .init(startLearningRate: 1e-4, endLearningRate: 1, iterations: 3, groupZeroMultiplier: 0.1))
    #expect(schedule.loggedRates[0] == [1e-5, 1e-4])
    expectClose(schedule.loggedRates[2][0], 1, relativeTolerance: 1e-12, "group 0 end")
    expectClose(schedule.loggedRates[2][1], 1, relativeTolerance: 1e-12, "group 1 end")
  }

  @Test func lightningSkipsTheSecondExponentAndEndsAtTheMaximum() {
    let schedule = Self.schedule(
      .lightning,
      .init(startLearningRate: 1e-8, endLearningRate: 1, iterations: 100, groupZeroMultiplier: 0.1))
    #expect(schedule.loggedRates[0] == [1e-8, 1e-8])
    expectClose(schedule.loggedRates[1][0], 1e-8 * pow10(8 * 2 / 100), "second rate")
    #expect(schedule.loggedRates[99][0] == 1)
    // Lightning resets every group to min_lr, so the multiplier has no effect.
    #expect(schedule.appliedRates.allSatisfy { $0[0] == $0[1] })
    let linear = Self.schedule(
      .lightning, .init(startLearningRate: 0, endLearningRate: 1, iterations: 4, stepMode: .linear))
    #expect(linear.loggedRates.map { $0[0] } == [0, 0.5, 0.75, 1])
  }

  @Test func igniteLogsOneStepAheadOfTheRateUsed() {
    let settings = RangeTestSettings(startLearningRate: 0.01, endLearningRate: 10, iterations: 5)
    let schedule = Self.schedule(.ignite, settings, batchesPerEpoch: 3)
    // Upstream test: the first logged rate is already above the start (0.01 < lr < 0.16).
    let first = schedule.loggedRates[0][0]
    #expect(first > 0.01 && first < 0.16)
    expectClose(first, 0.01 * pow10(3 * 0.2), "first logged")
    #expect(schedule.appliedRates[0] == schedule.appliedRates[1])
    for batch in 1..<5 {
      #expect(schedule.appliedRates[batch] == schedule.loggedRates[batch - 1])
    }
    #expect(schedule.plannedBatches == 5)
    // An epoch longer than num_iter records num_iter + 1 points.
    #expect(Self.schedule(.ignite, settings, batchesPerEpoch: 5).plannedBatches == 5)
    let long = Self.schedule(.ignite, settings, batchesPerEpoch: 50)
    #expect(long.plannedBatches == 6)
    expectClose(long.loggedRates[5][0], 0.01 * pow10(3 * 1.2), "logged past the end")
  }

  @Test func igniteLinearStartsExactlyAtTheStart() {
    let settings = RangeTestSettings(
      startLearningRate: 0.01, endLearningRate: 10, iterations: 5, stepMode: .linear,
      groupZeroMultiplier: 0.5)
    let schedule = Self.schedule(.ignite, settings, batchesPerEpoch: 9)
    #expect(schedule.loggedRates[0] == [0.005, 0.01])
    #expect(schedule.loggedRates[5] == [5, 10])
    #expect(schedule.appliedRates[0] == [0.005, 0.01])
    #expect(schedule.appliedRates[3] == schedule.loggedRates[2])
  }

  @Test func kerasMultipliesAFloat32RatePerBatch() {
    let settings = RangeTestSettings(
      startLearningRate: 1e-6, endLearningRate: 10, iterations: 100, epochs: 3)
    let schedule = Self.schedule(
      .keras, settings, batchesPerEpoch: 45, trainingCount: 1437, batchSize: 32)
    #expect(schedule.plannedBatches == 135)
    #expect(schedule.loggedRates[0][0] == Double(Float(1e-6)))
    // 3 × 1437 / 32 = 134.72 batches set the multiplier; the 135th rate has exponent 134.
    let last = schedule.loggedRates[134][0]
    expectClose(last, 1e-6 * pow10(7 * 134 / 134.71875), relativeTolerance: 1e-5, "last rate")
    #expect(last < 10)
    let derived = Self.schedule(
      .keras, .init(startLearningRate: 1e-6, endLearningRate: 10, iterations: 100),
      batchesPerEpoch: 45)
    #expect(derived.plannedBatches == 135)
  }

  @Test func mxnetMultipliesByTheFactorWithNoEnd() {
    let settings = RangeTestSettings(
      startLearningRate: 1e-6, endLearningRate: 10, iterations: 30, groupZeroMultiplier: 0.1)
    let schedule = Self.schedule(.mxnet, settings)
    #expect(schedule.plannedBatches == 30)
    #expect(schedule.loggedGroup == 1)
    #expect(schedule.loggedRates[1][1] == 1e-6 * 1.1)
    #expect(schedule.loggedRates[2][1] == 1e-6 * 1.1 * 1.1)
    #expect(schedule.loggedRates[2][0] == 1e-6 * 1.1 * 1.1 * 0.1)
  }

  @Test func taskSettingsGiveMXNetEnoughIterationsToPassTheEnd() {
    let settings = RangeTestSettings(task: .digitsMLP, style: .mxnet)
    let schedule = Self.schedule(.mxnet, settings)
    #expect(schedule.loggedRates[settings.iterations - 1][1] >= 10)
    #expect(schedule.loggedRates[settings.iterations - 2][1] < 10)
  }

  private func pow10(_ exponent: Double) -> Double {
    LibM.power(10, exponent)
  }
}
