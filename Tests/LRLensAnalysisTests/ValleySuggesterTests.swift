import LRLensTestSupport
import Testing

@testable import LRLensAnalysis

/// A direct transcription of fastai's O(n²) `valley` loop (docs/RULES.md §1.5), kept deliberately
/// naive: the reference the O(n log n) version must match index for index.
private func quadraticValleyPosition(_ losses: [Double]) -> Int {
  let count = losses.count
  var lengths = [Int](repeating: 1, count: count)
  var maxStart = 0
  var maxEnd = 0
  for i in 1..<max(count, 1) {
    for j in 0..<i {
      if losses[i] < losses[j] && lengths[i] < lengths[j] + 1 { lengths[i] = lengths[j] + 1 }
      if lengths[maxEnd] < lengths[i] {
        maxEnd = i
        maxStart = maxEnd - lengths[maxEnd]
      }
    }
  }
  let sections = Double(maxEnd - maxStart) / 3
  return maxStart + Int(sections) + Int(sections / 2)
}

/// Random and adversarial curves: noise, plateaus with ties, NaN and ±∞ sprinkled, sawtooth,
/// strictly monotone runs, and realistic fall-then-explode shapes.
private func randomCurve(using generator: inout SplitMix64) -> [Double] {
  let count = Int.random(in: 1...60, using: &generator)
  let kind = Int.random(in: 0..<6, using: &generator)
  return (0..<count).map { index in
    let position = Double(index)
    switch kind {
    case 0: return Double.random(in: -1...1, using: &generator)
    case 1: return Double(Int.random(in: 0...3, using: &generator))  // many ties
    case 2:
      let roll = Int.random(in: 0..<10, using: &generator)
      if roll == 0 { return .nan }
      if roll == 1 { return .infinity }
      if roll == 2 { return -.infinity }
      return Double.random(in: 0...2, using: &generator)
    case 3: return Double(index % 5) - position / 10  // sawtooth
    case 4: return Double.random(in: 0..<1, using: &generator) > 0.5 ? -position : position
    default:
      let valley = 2.3 - position / 20 + (position > 40 ? (position - 40) * (position - 40) : 0)
      return valley + Double.random(in: -0.05...0.05, using: &generator)
    }
  }
}

@Suite struct ValleySuggesterTests {
  @Test func matchesTheQuadraticDefinitionOnThousandsOfCurves() {
    for seed in UInt64(0)..<5000 {
      var generator = SplitMix64(seed: seed)
      let losses = randomCurve(using: &generator)
      let fast = ValleySuggester.valleyPosition(losses)
      let slow = quadraticValleyPosition(losses)
      #expect(fast == slow, "seed \(seed): \(losses) → \(fast) but O(n²) gives \(slow)")
      if fast != slow { return }
    }
  }

  @Test func matchesTheQuadraticDefinitionOnAdversarialCurves() {
    let curves: [[Double]] = [
      [5, 4], [4, 5], [5, 4, 3], [3, 3, 3], [.nan], [.nan, .nan], [3, .nan, 2, 1],
      [.infinity, 1, -.infinity], Array(stride(from: 100.0, to: 0, by: -1)),
      Array(stride(from: 0.0, to: 100, by: 1)), [1, 0, 1, 0, 1, 0, 1, 0],
      [2, 1, 2, 1, 0, 3, 2, 1, 0, -1],
    ]
    for losses in curves {
      #expect(
        ValleySuggester.valleyPosition(losses) == quadraticValleyPosition(losses), "\(losses)")
    }
  }

  @Test func startMinusOneQuirkReadsTheLastPoint() {
    let curve = PreparedCurve(learningRates: [1, 2], losses: [5, 4], window: [0, 1])
    #expect(ValleySuggester.valleyPosition([5, 4]) == -1)
    #expect(ValleySuggester().suggest(on: curve).value?.index == 1)
  }

  @Test func rulesReferenceCurve() {
    let curve = RulesReferenceCurve.prepared
    let suggestion = ValleySuggester().suggest(on: curve).value
    #expect(suggestion?.index == 10 + 32)
    expectClose(suggestion?.learningRate, 2.2908677e-4, relativeTolerance: 1e-7, "valley")
  }
}
