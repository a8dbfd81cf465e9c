import LRLensAnalysis
import LRLensCore
import LRLensTestSupport
import Testing

@testable import ReferenceTrainer

/// Each finder's smoothing and stop rule on hand-made loss sequences, and replayed on the real
/// frameworks' runs.
@Suite struct FinderRecorderTests {
  /// Feeds losses to a recorder until it stops.
  ///
  /// - Returns: The recorded values (the stopping one included) and the index that stopped.
  static func replay(
    _ style: FinderStyle, _ losses: [Double],
    settings: RangeTestSettings = .init(
      startLearningRate: 1e-7, endLearningRate: 10, iterations: 100),
    batchesPerEpoch: Int = 1000
  ) -> (recorded: [Double], stoppedAt: Int?) {
    var recorder = FinderRecorder(style: style, settings: settings)
    var recorded: [Double] = []
    for (batch, loss) in losses.enumerated() {
      let outcome = recorder.record(
        loss: loss, batch: batch, indexInEpoch: batch % batchesPerEpoch)
      recorded.append(outcome.recorded)
      if outcome.stops { return (recorded, batch) }
    }
    return (recorded, nil)
  }

  @Test func fastaiRecordsTheDebiasedAverageAndStopsAboveFourTimesTheBest() {
    let result = Self.replay(.fastai, [2, 2, 1, 1, 6, 100, 1e6])
    #expect(result.recorded[0] == 2)
    #expect(result.recorded[1] == 2)
    var average = 0.0
    for (index, loss) in [2.0, 2, 1, 1, 6, 100].enumerated() {
      average = loss + 0.98 * (average - loss)
      expectClose(
        result.recorded[index], average / (1 - LibM.power(0.98, Double(index + 1))),
        relativeTolerance: 1e-14, "point \(index)")
    }
    // 6 lifts the average to about 2.4, under 4 × the best 1.5; 100 pushes it over.
    #expect(result.stoppedAt == 5)
  }

  @Test func fastaiNeverStopsOnNaN() {
    let result = Self.replay(.fastai, [1, .nan, 5, 1e9])
    #expect(result.stoppedAt == nil)
    #expect(result.recorded[1].isNaN && result.recorded[3].isNaN)
  }

  @Test func fastaiWithoutStopDivRunsOn() {
    var settings = RangeTestSettings(startLearningRate: 1, endLearningRate: 2, iterations: 10)
    settings.stopsOnDivergence = false
    #expect(Self.replay(.fastai, [1, 1e9, 1e12], settings: settings).stoppedAt == nil)
  }

  @Test func torchLRFinderSmoothsTheNewValueWithoutBiasCorrection() {
    let result = Self.replay(.torchLRFinder, [1, 3, 2, 100, 1000])
    #expect(result.recorded[0] == 1)
    #expect(result.recorded[1] == 0.05 * 3 + 0.95 * 1)
    #expect(result.recorded[2] == 0.05 * 2 + 0.95 * result.recorded[1])
    // 0.05 · 100 + 0.95 · 1.15 = 6.1 > 5 × 1: the diverging point is recorded.
    #expect(result.stoppedAt == 3)
    #expect(result.recorded.count == 4)
  }

  @Test func torchLRFinderWithoutSmoothingRecordsRawLosses() {
    var settings = RangeTestSettings(startLearningRate: 1, endLearningRate: 2, iterations: 10)
    settings.smoothing = 0
    let result = Self.replay(.torchLRFinder, [2, 1, 4, 6], settings: settings)
    #expect(result.recorded == [2, 1, 4, 6])
    #expect(result.stoppedAt == 3)
  }

  @Test func lightningDebiasesOnePowerTooFarAndWaitsForStepTwo() {
    let result = Self.replay(.lightning, [2, 2, 2])
    expectClose(result.recorded[0], 2 / 1.98, relativeTolerance: 1e-14, "first ≈ 0.505 × loss")
    let average = 0.98 * 0.02 * 2 + 0.02 * 2
    expectClose(
      result.recorded[1], average / (1 - 0.98 * 0.98 * 0.98), relativeTolerance: 1e-14,
      "second")
    // A huge first loss sets the best at step 1; the test starts at step 2.
    let spike = Self.replay(.lightning, [1, 1e6])
    #expect(spike.stoppedAt == 1)
    let first = Self.replay(.lightning, [1e6])
    #expect(first.stoppedAt == nil)
  }

  @Test func igniteSmoothsLikeTorchLRFinder() {
    let result = Self.replay(.ignite, [1, 3, 2, 100])
    #expect(result.recorded[1] == 0.05 * 3 + 0.95 * 1)
    #expect(result.stoppedAt == 3)
  }

  @Test func kerasRecordsRawLossesAndWaitsFiveBatchesPerEpoch() {
    let losses: [Double] = [1, 1, 1, 1, 1, 100, 1, 100]
    let result = Self.replay(.keras, losses)
    // Batch 5 is inside the grace period; batch 7 stops.
    #expect(result.stoppedAt == 7)
    #expect(result.recorded == losses)
    // With 4 batches per epoch the within-epoch index restarts, so batch 7 (index 3) passes.
    #expect(Self.replay(.keras, losses, batchesPerEpoch: 4).stoppedAt == nil)
    #expect(Self.replay(.keras, [1, 1, 1, 1, 1, 1, .nan]).stoppedAt == 6)
    #expect(Self.replay(.keras, [.nan, .nan, 1]).stoppedAt == nil)
  }

  @Test func mxnetStopsOnTheRunningMeanFromIterationTwenty() {
    var losses = [Double](repeating: 1, count: 10)
    losses += [Double](repeating: 10, count: 20)
    let result = Self.replay(.mxnet, losses)
    #expect(result.recorded == Array(losses.prefix(result.recorded.count)))
    // The mean passes 2 at iteration 10 but the counter must reach 20 (index 19).
    #expect(result.stoppedAt == 19)
    var early = [Double](repeating: 1, count: 25)
    early[21] = 3
    // mean = 0.7 · 3 + 0.3 · 1 = 2.4 > 2 at index 21.
    #expect(Self.replay(.mxnet, early).stoppedAt == 21)
  }

  /// One real run whose recorded losses are inverted back to raw losses and replayed.
  struct Run: CustomTestStringConvertible, Sendable {
    var path: String
    var style: FinderStyle
    var stoppedEarly: Bool
    var batchesPerEpoch = 1000
    var testDescription: String { path }
  }

  static let runs: [Run] = [
    Run(path: "runs/fastai_mlp_digits/recorder.csv", style: .fastai, stoppedEarly: true),
    Run(path: "runs/tlf_exp_mlp_digits/history.json", style: .torchLRFinder, stoppedEarly: true),
    Run(
      path: "runs/lightning_exp_mlp_digits/results.json", style: .lightning, stoppedEarly: false),
    Run(path: "runs/ignite_exp_mlp_digits/history.json", style: .ignite, stoppedEarly: true),
    Run(
      path: "runs/keras-mlp_digits_adam/lr_finder.csv", style: .keras, stoppedEarly: true,
      batchesPerEpoch: 45),
    Run(
      path: "runs/mxnet-mlp_digits_sgd_tutorial_defaults/results.csv", style: .mxnet,
      stoppedEarly: true),
  ]

  /// The raw losses that produce `recorded` under the style's smoothing.
  static func invert(_ recorded: [Double], style: FinderStyle) -> [Double] {
    let beta = 0.98
    let factor = 0.05
    switch style {
    case .fastai, .lightning:
      let offset = style == .lightning ? 2.0 : 1.0
      let averages = recorded.enumerated().map { index, value in
        value * (1 - LibM.power(beta, Double(index) + offset))
      }
      return averages.indices.map { index in
        let previous = index == 0 ? 0 : averages[index - 1]
        return (averages[index] - beta * previous) / (1 - beta)
      }
    case .torchLRFinder, .ignite:
      return recorded.indices.map { index in
        index == 0
          ? recorded[0] : (recorded[index] - (1 - factor) * recorded[index - 1]) / factor
      }
    case .keras, .mxnet:
      return recorded
    }
  }

  @Test(arguments: runs)
  func replayingARealRunStopsWhereTheFrameworkStopped(_ run: Run) throws {
    let curve = try #require(FixtureCurves.curve(run.path))
    let raw = Self.invert(curve.losses, style: run.style)
    let result = Self.replay(
      run.style, raw + [Double](repeating: 1e6, count: 3), batchesPerEpoch: run.batchesPerEpoch)
    if run.stoppedEarly {
      #expect(result.stoppedAt == curve.count - 1)
    } else {
      #expect(result.stoppedAt == nil || result.stoppedAt ?? 0 >= curve.count)
    }
    for (index, value) in curve.losses.enumerated() {
      expectClose(result.recorded[index], value, relativeTolerance: 1e-9, "point \(index)")
    }
  }
}
