// Speed benchmarks for lrlens (not unit tests: timings depend on the machine).
// Run with: swift run -c release LRLensBenchmarks (LRLENS_BENCH_CURVES=N sets the synthetic
// benchmark's curves per family, 60 by default).
// Targets (issue 2): valley on 10⁵ points < 50 ms; suggest on a 100-point CSV well under 20 ms
// whole-process (measure that with `hyperfine '.build/release/lrlens suggest FILE'`).
import Foundation
import LRLens

/// Times `body` `repetitions` times and returns the median duration in milliseconds.
func medianMilliseconds(repetitions: Int, _ body: () -> Void) -> Double {
  let clock = ContinuousClock()
  var samples: [Double] = []
  for _ in 0..<repetitions {
    let duration = clock.measure(body)
    let (seconds, attoseconds) = duration.components
    samples.append(Double(seconds) * 1e3 + Double(attoseconds) / 1e15)
  }
  samples.sort()
  return samples[samples.count / 2]
}

/// A realistic long curve: a noisy fall followed by an explosion.
func syntheticCurve(points: Int) -> PreparedCurve {
  var generator = SystemRandomNumberGenerator()
  let rates = (0..<points).map { 1e-7 * pow(1e8, Double($0) / Double(points)) }
  let losses = (0..<points).map { index -> Double in
    let x = Double(index) / Double(points)
    let base =
      2.3 - 1.5 / (1 + exp(-20 * (x - 0.5))) + (x > 0.85 ? 40 * (x - 0.85) * (x - 0.85) : 0)
    return base + Double.random(in: -0.02...0.02, using: &generator)
  }
  return PreparedCurve(learningRates: rates, losses: losses, window: Array(0..<points))
}

let longCurve = syntheticCurve(points: 100_000)
for rule in ["valley", "steep", "min_grad", "slide", "minima"] {
  guard let suggester = SuggesterRegistry.makeSuggester(id: rule, parameters: RuleParameters())
  else { continue }
  let time = medianMilliseconds(repetitions: 21) { _ = suggester.suggest(on: longCurve) }
  print("\(rule) on 100,000 points: \(String(format: "%.2f", time)) ms (median of 21)")
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
let fixture = packageRoot.appendingPathComponent("fixtures/runs/fastai_cnn_digits/recorder.csv")
  .path
let pipeline = Pipeline(analysisOptions: AnalysisOptions())
let inProcess = medianMilliseconds(repetitions: 201) {
  _ = try? pipeline.run(path: fixture).jsonLine()
}
print("suggest (all rules) on a 100-point CSV, in process: \(String(format: "%.3f", inProcess)) ms")

let perFamily = ProcessInfo.processInfo.environment["LRLENS_BENCH_CURVES"].flatMap { Int($0) } ?? 60
print("\nSynthetic benchmark, \(perFamily) curves per family:")
print(recommendTable(perFamily: perFamily), terminator: "")
