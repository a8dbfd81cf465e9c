import ReferenceTrainer
import Testing

@testable import LRLensValidation

@Suite struct RegretTableTests {
  @Test func percentilesInterpolateAsNumPyDoes() {
    // numpy.percentile([1, 2, 3, 4], [50, 90]) == [2.5, 3.7]
    #expect(RegretTable.percentile([4, 1, 3, 2], 0.5) == 2.5)
    #expect(abs((RegretTable.percentile([4, 1, 3, 2], 0.9) ?? 0) - 3.7) < 1e-12)
    #expect(RegretTable.percentile([], 0.5) == nil)
    #expect(RegretTable.percentile([5], 0.9) == 5)
    #expect(RegretTable.percentile([1, .infinity], 0.9) == .infinity)
  }

  @Test func countsFailuresAsMissesAndSummarisesTheRest() throws {
    let sweep = SweepReport(
      taskName: "t", settings: SweepSettings(learningRates: [1e-2], seeds: [1], steps: 1),
      initialValidationLoss: 2, rows: [])
    func outcome(_ id: String, decades: Double?, relative: Double?, good: Bool)
      -> ValidationReport.Outcome
    {
      ValidationReport.Outcome(
        ruleID: id, learningRate: decades == nil ? nil : 1e-2,
        unavailableReason: decades == nil ? "no descent" : nil, validationLoss: nil,
        decadesFromBest: decades, decadesFromCentre: decades.map { abs(1 - $0) },
        lossRegret: relative, relativeRegret: relative,
        isInGoodRange: good)
    }
    let reports = [
      [
        outcome("a", decades: 0.2, relative: 0.0, good: true),
        outcome("b", decades: nil, relative: nil, good: false),
      ],
      [
        outcome("a", decades: 1.0, relative: 0.5, good: false),
        outcome("b", decades: 0.1, relative: 0.1, good: true),
      ],
    ].map { outcomes in
      ValidationReport(
        taskName: "t", style: .fastai,
        rangeTest: RangeTestRecord(
          style: .fastai, taskName: "t", seed: 1, groupLearningRates: [[1e-7, 10]],
          loggedGroup: 0, rawLosses: [1, 2], recordedLosses: [1, 2], stoppedEarly: false),
        sweep: sweep, outcomes: outcomes)
    }
    let table = RegretTable(reports)
    #expect(table.rows.map(\.ruleID) == ["a", "b"])
    let a = table.rows[0]
    #expect(a.failures == 0 && abs((a.medianDecades ?? 0) - 0.6) < 1e-12)
    #expect(a.withinHalfDecade == 0.5)
    #expect(a.inGoodRange == 0.5 && a.medianRelativeRegret == 0.25)
    #expect(abs((a.medianDecadesFromCentre ?? 0) - 0.4) < 1e-12)
    #expect(a.withinHalfDecadeOfCentre == 0.5)
    let b = table.rows[1]
    #expect(b.failures == 1 && b.medianDecades == 0.1 && b.withinHalfDecade == 0.5)
    #expect(b.withinHalfDecadeOfCentre == 0)
  }
}
