import LRLensCore
import ReferenceTrainer
import Testing

@testable import LRLensValidation

@Suite struct SweepReportTests {
  static let settings = SweepSettings(
    learningRates: TrainingTask.logSpacedLearningRates(from: 1e-3, to: 10, count: 5),
    seeds: [1, 2], steps: 40)

  @Test func bestIsTheLowestMeanValidationLossAndTheGoodRangeSurroundsIt() throws {
    let report = try SweepReport.run(task: .moonsMLP, settings: Self.settings)
    #expect(report.rows.count == 10, "5 rates × constant and one-cycle")
    let constant = report.rows.filter { $0.schedule == .constant }
    let best = try #require(report.best)
    let lowest = try #require(constant.min { $0.meanValidationLoss < $1.meanValidationLoss })
    #expect(best.learningRate == lowest.learningRate)
    #expect(best.goodRange.contains(best.learningRate))
    let threshold =
      best.validationLoss + 0.1 * (report.initialValidationLoss - best.validationLoss)
    for row in constant {
      if best.goodRange.contains(row.learningRate) {
        #expect(row.isGood && row.meanValidationLoss <= threshold)
      } else {
        #expect(!row.isGood)
      }
    }
    for row in report.rows {
      #expect(row.validationLosses.count == 2)
      #expect(row.meanValidationLoss == SweepReport.mean(row.validationLosses))
    }
  }

  @Test func nearBestCentreIsTheGeometricCentreOfTheRatesWithinTwoPercent() throws {
    let settings = SweepSettings(
      learningRates: TrainingTask.logSpacedLearningRates(from: 1e-3, to: 1, count: 7),
      seeds: [1], steps: 60, includesOneCycle: false)
    let report = try SweepReport.run(task: .linearRegression, settings: settings)
    let best = try #require(report.best)
    let threshold =
      best.validationLoss + 0.02 * (report.initialValidationLoss - best.validationLoss)
    let rates = report.rows.map(\.learningRate)
    let position = try #require(rates.firstIndex(of: best.learningRate))
    var low = position
    while low > 0 && report.rows[low - 1].meanValidationLoss <= threshold { low -= 1 }
    var high = position
    while high < rates.count - 1 && report.rows[high + 1].meanValidationLoss <= threshold {
      high += 1
    }
    let expected = (rates[low] * rates[high]).squareRoot()
    #expect(abs(best.nearBestCentre / expected - 1) < 1e-12)
    #expect(best.goodRange.contains(best.nearBestCentre))
  }

  @Test func isDeterministicWhateverTheParallelism() throws {
    let first = try SweepReport.run(task: .linearRegression, settings: Self.settings)
    let second = try SweepReport.run(task: .linearRegression, settings: Self.settings)
    #expect(first == second)
  }

  @Test func aDivergedRateNeverWins() throws {
    let settings = SweepSettings(learningRates: [1e-2, 1e12], seeds: [1], steps: 60)
    let report = try SweepReport.run(task: .linearRegression, settings: settings)
    let diverged = try #require(report.rows.first { $0.learningRate == 1e12 })
    #expect(diverged.divergedRuns == 1 && diverged.meanValidationLoss == .infinity)
    #expect(SweepReport.mean([1, .infinity]) == .infinity)
    #expect(report.best?.learningRate == 1e-2)
  }

  @Test(arguments: [
    (SweepSettings(learningRates: [], seeds: [1], steps: 10), "learning rates"),
    (SweepSettings(learningRates: [1e-2, 1e-3], seeds: [1], steps: 10), "learning rates"),
    (SweepSettings(learningRates: [1e-2], seeds: [], steps: 10), "seeds"),
    (SweepSettings(learningRates: [1e-2], seeds: [1], steps: 0), "steps"),
    (SweepSettings(learningRates: [1e-2], seeds: [1], steps: 10, tolerance: 2), "tolerance"),
  ])
  func refusesBadSettings(settings: SweepSettings, setting: String) {
    #expect {
      try settings.validate()
    } throws: { error in
      guard let error = error as? LRLensError else { return false }
      return error.kind == .usage && error.location.detail == setting
    }
  }
}
