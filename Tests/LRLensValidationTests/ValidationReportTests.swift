import Foundation
import ReferenceTrainer
import Testing

@testable import LRLensValidation

@Suite struct ValidationReportTests {
  @Test func measuresEveryRuleAgainstTheSweep() throws {
    let settings = SweepSettings(
      learningRates: TrainingTask.logSpacedLearningRates(from: 1e-3, to: 1, count: 4),
      seeds: [1], steps: 30, includesOneCycle: false)
    let report = try ValidationReport.run(
      task: .moonsMLP, style: .fastai, seed: 1, sweepSettings: settings)
    let best = try #require(report.sweep.best)
    #expect(report.outcomes.count >= 10, "every rule")
    #expect(report.testedRange.lowerBound == 1e-7)
    for outcome in report.outcomes {
      guard let rate = outcome.learningRate else {
        #expect(outcome.unavailableReason != nil)
        continue
      }
      let decades = try #require(outcome.decadesFromBest)
      #expect(abs(decades - abs(log10(rate) - log10(best.learningRate))) < 1e-12)
      #expect(try #require(outcome.lossRegret) >= 0)
      #expect(outcome.isInGoodRange == best.goodRange.contains(rate))
    }
  }
}

@Suite struct QualitySuiteTests {
  @Test func coversAtLeast30DistinctTasksAndEveryStyle() throws {
    let entries = QualitySuite.entries
    #expect(entries.count >= 30)
    #expect(Set(entries.map { "\($0.task.name) \($0.style.rawValue)" }).count == entries.count)
    #expect(Set(entries.map(\.style)) == Set(FinderStyle.allCases))
    for entry in entries {
      try entry.task.validate()
      try RangeTestSettings(task: entry.task, style: entry.style).validate(for: entry.style)
    }
  }
}
