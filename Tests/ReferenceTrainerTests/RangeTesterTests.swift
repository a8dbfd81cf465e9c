import LRLensCore
import LRLensTestSupport
import Testing

@testable import ReferenceTrainer

/// Whole range tests on tiny tasks: lengths, recorded versus raw losses, stops, determinism.
@Suite struct RangeTesterTests {
  @Test(arguments: FinderStyle.allCases)
  func sameSeedGivesTheSameRecordAndAnotherSeedAnother(style: FinderStyle) throws {
    let first = try TinyTasks.blobs.rangeTest(style: style, seed: 42)
    let second = try TinyTasks.blobs.rangeTest(style: style, seed: 42)
    let other = try TinyTasks.blobs.rangeTest(style: style, seed: 43)
    #expect(first == second, "seed 42")
    #expect(first.rawLosses != other.rawLosses, "seeds 42 and 43")
    #expect(first.style == style && first.seed == 42 && first.taskName == "tiny-blobs")
  }

  @Test(arguments: FinderStyle.allCases)
  func everyArrayHasOneValuePerBatch(style: FinderStyle) throws {
    let record = try TinyTasks.blobs.rangeTest(style: style, seed: 1)
    #expect(record.groupLearningRates.count == 2)
    #expect(record.groupLearningRates.allSatisfy { $0.count == record.rawLosses.count })
    #expect(record.recordedLosses.count == record.rawLosses.count)
    #expect(!record.rawLosses.isEmpty)
  }

  @Test func eachStyleRecordsWhatItsFrameworkRecords() throws {
    let task = TinyTasks.blobs
    let fastai = try task.rangeTest(style: .fastai, seed: 3)
    expectClose(fastai.recordedLosses[0], fastai.rawLosses[0], relativeTolerance: 1e-14, "first")
    #expect(fastai.recordedLosses[1] != fastai.rawLosses[1])
    let torch = try task.rangeTest(style: .torchLRFinder, seed: 3)
    #expect(torch.recordedLosses[0] == torch.rawLosses[0])
    #expect(torch.recordedLosses[1] == 0.05 * torch.rawLosses[1] + 0.95 * torch.rawLosses[0])
    let lightning = try task.rangeTest(style: .lightning, seed: 3)
    expectClose(lightning.recordedLosses[0], lightning.rawLosses[0] / 1.98, "Lightning's first")
    for style in [FinderStyle.keras, .mxnet] {
      let record = try task.rangeTest(style: style, seed: 3)
      #expect(record.recordedLosses == record.rawLosses, "\(style) records raw losses")
    }
  }

  @Test func runsThatNeverDivergeUseTheWholeGrid() throws {
    var settings = RangeTestSettings(startLearningRate: 1e-6, endLearningRate: 1e-3, iterations: 12)
    settings.groupZeroMultiplier = 0.1
    let task = TinyTasks.blobs
    let fastai = try task.rangeTest(style: .fastai, seed: 1, settings: settings)
    #expect(fastai.rawLosses.count == 12 && !fastai.stoppedEarly)
    #expect(fastai.learningRates.first == 1e-6)
    #expect(fastai.learningRates.allSatisfy { $0 < 1e-3 })
    #expect(fastai.loggedGroup == 1)
    #expect(
      zip(fastai.groupLearningRates[0], fastai.groupLearningRates[1]).allSatisfy {
        abs($0 - 0.1 * $1) <= 1e-12 * $1
      })
    let torch = try task.rangeTest(style: .torchLRFinder, seed: 1, settings: settings)
    #expect(torch.rawLosses.count == 12)
    expectClose(torch.learningRates.last, 1e-3, relativeTolerance: 1e-12, "end included")
    #expect(torch.learningRates.first == 1e-7, "torch-lr-finder logs group 0")
    let lightning = try task.rangeTest(style: .lightning, seed: 1, settings: settings)
    #expect(lightning.learningRates.last == 1e-3)
    // The tiny task has 5 batches per epoch, fewer than 12: ignite stops at num_iter.
    let ignite = try task.rangeTest(style: .ignite, seed: 1, settings: settings)
    #expect(ignite.rawLosses.count == 12)
    let mxnet = try task.rangeTest(style: .mxnet, seed: 1, settings: settings)
    #expect(mxnet.rawLosses.count == 12 && !mxnet.stoppedEarly)
  }

  @Test(arguments: FinderStyle.allCases)
  func aDivergingSweepStopsEarlyAndKeepsTheStoppingBatch(style: FinderStyle) throws {
    let record = try TinyTasks.exploding.rangeTest(style: style, seed: 5)
    #expect(record.stoppedEarly, "\(style) should stop: \(record.recordedLosses)")
    let settings = RangeTestSettings(task: TinyTasks.exploding, style: style)
    #expect(record.rawLosses.count < settings.iterations)
  }

  @Test func theStoppingPointExceedsTheThreshold() throws {
    let torch = try TinyTasks.exploding.rangeTest(style: .torchLRFinder, seed: 5)
    let values = torch.recordedLosses
    if let last = values.last, let best = values.dropLast().min() {
      #expect(last > 5 * min(best, last))
    }
    let fastai = try TinyTasks.exploding.rangeTest(style: .fastai, seed: 5)
    if let last = fastai.recordedLosses.last, let best = fastai.recordedLosses.min() {
      #expect(last > 4 * best)
    }
  }

  @Test func invalidSettingsAreRefusedWithAUsageError() {
    let settings = RangeTestSettings(
      startLearningRate: 1e-3, endLearningRate: 1, iterations: 10, stepMode: .linear)
    #expect(throws: LRLensError.self) {
      try TinyTasks.blobs.rangeTest(style: .fastai, seed: 1, settings: settings)
    }
    let reversed = RangeTestSettings(startLearningRate: 1, endLearningRate: 0.1, iterations: 10)
    do {
      _ = try TinyTasks.blobs.rangeTest(style: .ignite, seed: 1, settings: reversed)
      Issue.record("a reversed range was accepted")
    } catch {
      #expect(error.kind == .usage)
      #expect(error.location.detail == "end learning rate")
    }
    let single = RangeTestSettings(startLearningRate: 1e-3, endLearningRate: 1, iterations: 1)
    #expect(throws: LRLensError.self) {
      try TinyTasks.blobs.rangeTest(style: .torchLRFinder, seed: 1, settings: single)
    }
  }
}
