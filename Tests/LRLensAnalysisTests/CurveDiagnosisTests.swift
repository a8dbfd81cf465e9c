import LRLensCore
import LRLensTestSupport
import Testing

@testable import LRLensAnalysis

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The running-mean statistic, the smoothing inversion and the robust primitives.
@Suite struct CurveDiagnosisTests {
  /// Raw losses: a flat plateau of 2.3 with Gaussian noise of 0.05, seeded.
  private func plateau(_ count: Int, seed: UInt64) -> [Double] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      let u = max(Double(random.next() >> 11) / Double(1 << 53), 1e-300)
      let v = Double(random.next() >> 11) / Double(1 << 53)
      return 2.3 + 0.05 * (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
  }

  /// The running mean of each epoch of `epoch` points.
  private func runningMean(_ raw: [Double], epoch: Int) -> [Double] {
    var sum = 0.0
    return raw.indices.map { index in
      if index % epoch == 0 { sum = 0 }
      sum += raw[index]
      return sum / Double(index % epoch + 1)
    }
  }

  @Test(arguments: [0, 1, 2, 3, 4] as [UInt64])
  func aRunningMeanShrinksLikeOneOverK(seed: UInt64) throws {
    let raw = plateau(120, seed: seed)
    let long = plateau(250, seed: seed)
    let single = try #require(
      CurveDiagnosis.runningMeanEvidence(runningMean(long, epoch: 250), tuning: .standard))
    #expect(single.slope < -0.75, "seed \(seed): \(single.slope)")
    let epochs = try #require(
      CurveDiagnosis.runningMeanEvidence(runningMean(raw, epoch: 40), tuning: .standard))
    #expect(epochs.slope < -0.75, "seed \(seed): \(epochs.slope)")
    #expect((38...42).contains(epochs.epochLength) || epochs.epochLength == 120)
  }

  @Test(arguments: [0, 1, 2, 3, 4] as [UInt64])
  func rawAndPlainEMALossesDoNotLookLikeARunningMean(seed: UInt64) throws {
    let raw = plateau(120, seed: seed)
    let rawSlope = try #require(CurveDiagnosis.runningMeanEvidence(raw, tuning: .standard)).slope
    #expect(rawSlope > -0.5, "seed \(seed): \(rawSlope)")
    let smoothed = Smoothing.pytorch.apply(to: raw)
    let emaSlope = try #require(
      CurveDiagnosis.runningMeanEvidence(Array(smoothed.dropFirst(20)), tuning: .standard)
    ).slope
    #expect(emaSlope > -0.5, "seed \(seed): \(emaSlope)")
  }

  @Test func shortStretchesAreInconclusive() {
    #expect(CurveDiagnosis.runningMeanEvidence(plateau(19, seed: 1), tuning: .standard) == nil)
    #expect(CurveDiagnosis.runningMeanEvidence([], tuning: .standard) == nil)
    #expect(
      CurveDiagnosis.runningMeanEvidence(Array(repeating: 1, count: 50), tuning: .standard)
        == nil, "no roughness at all")
  }

  @Test(arguments: [
    (Smoothing.fastai, Framework.fastai), (.pytorch, .torchLRFinder), (.pytorch, .ignite),
  ])
  func inversionRecoversTheRawLosses(smoothing: Smoothing, framework: Framework) throws {
    let raw = plateau(100, seed: 9)
    let kind = try #require(SmoothingInversion.kind(for: framework))
    let recovered = SmoothingInversion.invert(smoothing.apply(to: raw), kind: kind)
    for (value, expected) in zip(recovered, raw) {
      #expect(abs(value - expected) < 1e-9)
    }
  }

  @Test func lightningInversionUsesItsOffByOneDebiasing() {
    // Lightning divides by 1 − β^(k+2) at 0-based point k.
    let raw = [2.0, 3, 1, 4, 2]
    var average = 0.0
    var power = 0.98
    let smoothed = raw.map { loss -> Double in
      average = 0.98 * average + 0.02 * loss
      power *= 0.98
      return average / (1 - power)
    }
    let recovered = SmoothingInversion.invert(smoothed, kind: .debiased(beta: 0.98, offset: 2))
    for (value, expected) in zip(recovered, raw) { #expect(abs(value - expected) < 1e-9) }
    #expect(SmoothingInversion.kind(for: .keras) == nil)
    #expect(SmoothingInversion.kind(for: .unknown) == nil)
  }

  @Test func wiggleTellsAnEMAOfNoiseFromAMonotoneFall() {
    let smoothed = Smoothing.fastai.apply(to: plateau(100, seed: 4) + [1, 0.5, 0.2, 3, 9])
    #expect(SmoothingInversion.wiggle(smoothed) > 0.1)
    #expect(SmoothingInversion.wiggle((0..<50).map { 2 - Double($0) / 50 } + [5]) == 0)
    #expect(SmoothingInversion.wiggle([1, .nan]) == 0)
  }

  @Test func inversionPropagatesNaN() {
    let recovered = SmoothingInversion.invert(
      [1, 1, .nan, 1], kind: .debiased(beta: 0.98, offset: 1))
    #expect(recovered[1].isFinite && recovered[2].isNaN && recovered[3].isNaN)
  }

  // MARK: Primitives

  @Test func inwardWindowsKeepTheirSize() {
    #expect(RobustSmoothing.inwardWindow(around: 0, size: 5, count: 10) == 0..<5)
    #expect(RobustSmoothing.inwardWindow(around: 9, size: 5, count: 10) == 5..<10)
    #expect(RobustSmoothing.inwardWindow(around: 4, size: 5, count: 10) == 2..<7)
    #expect(RobustSmoothing.inwardWindow(around: 1, size: 9, count: 3) == 0..<3)
  }

  @Test func runningMedianRemovesAnEdgeSpike() {
    let medians = RobustSmoothing.runningMedian(
      [9, 1, 1, 1, 1, 1, 9], sizes: Array(repeating: 5, count: 7))
    #expect(medians == [1, 1, 1, 1, 1, 1, 1])
  }

  @Test func localNoiseMeasuresWhiteNoise() {
    let noise = RobustSmoothing.localNoise(plateau(400, seed: 3), halfWidth: 50)
    let middle = noise[200]
    #expect(abs(middle - 0.05) < 0.015, "\(middle)")
    #expect(RobustSmoothing.localNoise([1, 2], halfWidth: 3) == [0, 0])
  }

  @Test func localLinearIsExactOnALine() {
    let x = (0..<20).map { Double($0) / 4 }
    let y = x.map { 3 - 2 * $0 }
    let (values, slopes) = RobustSmoothing.localLinear(
      x: x, values: y, sizes: Array(repeating: 7, count: 20))
    for index in x.indices {
      #expect(abs(values[index] - y[index]) < 1e-9)
      #expect(abs(slopes[index] + 2) < 1e-9)
    }
  }

  @Test func zigzagIgnoresSmallReversals() {
    let values: [Double] = [5, 4, 4.2, 3, 1, 1.1, 0.5, 2, 6]
    let pivots = RobustSmoothing.zigzag(values, threshold: 1)
    #expect(pivots.map(\.index) == [0, 6, 8])
    #expect(pivots.map(\.isPeak) == [true, false, true])
    #expect(RobustSmoothing.zigzag([], threshold: 1).isEmpty)
    #expect(RobustSmoothing.zigzag([1, 1, 1], threshold: 1).isEmpty)
  }

  @Test func maximumDrawdownFindsTheLargestFall() {
    let fall = RobustSmoothing.maximumDrawdown([1, 3, 2, 4, 0.5, 5], in: 0..<6)
    #expect(fall.depth == 3.5 && fall.peak == 3 && fall.trough == 4)
    #expect(RobustSmoothing.maximumDrawdown([1, 2, 3], in: 0..<3).depth == 0)
  }

  @Test func numbersPrintWithThreeSignificantDigits() {
    #expect(RecommendationText.number(0.0316227766) == "3.16e-2")
    #expect(RecommendationText.number(9.999) == "1.00e1")
    #expect(RecommendationText.number(-2.5) == "-2.50e0")
    #expect(RecommendationText.number(0) == "0.0")
    #expect(RecommendationText.percent(0.234) == "23%")
    #expect(
      RecommendationText.decimal(0.735) == "0.74" || RecommendationText.decimal(0.735) == "0.73")
    #expect(LearningRateRange(low: 1e-3, high: 1e-2).description == "1.00e-3…1.00e-2")
  }
}
