import Foundation
import LRLens
import LRLensTestSupport
import Testing

@Suite struct ReportTests {
  /// A tiny in-memory range test: five points, the last one NaN.
  private let input = LogInput(
    path: "mini.csv", bytes: Array("lr,loss\n0.001,3\n0.01,2\n0.1,1\n1,4\n10,nan\n".utf8))

  private func report(_ options: AnalysisOptions) throws -> FileReport {
    try Pipeline(analysisOptions: options).run(input)
  }

  @Test func jsonLineHasTheContractKeysAndExplicitNulls() throws {
    let options = AnalysisOptions(
      ruleIDs: ["minimum", "slide"], skipStart: 0, skipEnd: 0, smoothing: Smoothing.none)
    let line = try report(options).jsonLine()
    #expect(
      line == """
        {"diagnostics":["note: no preset: source framework not recognised; cannot tell whether the \
        losses are smoothed (too few points), used as they are","mini.csv: warning: 1 of 5 losses are NaN or infinite, the \
        first at point 4 (a non-finite tail)"],"file":"mini.csv","format":"csv",\
        "framework":"unknown","framework_evidence":"an exponential LR grid no framework default \
        explains","points":5,"preset":null,"recommendation":{"agreeing_rules":[],"confidence":0,\
        "features":null,"findings":["non_finite_tail: losses are NaN or infinite from lr 1.00e1 on (1 points): the \
        run diverged there; lrlens analysed the points before it","too_few_points: only 4 usable \
        points (lrlens needs 8 to locate a descent); rerun the finder with more iterations (fastai \
        num_it, torch-lr-finder num_iter, Lightning num_training) or a wider LR range"],\
        "landmarks":null,"level":"low","lr":null,"range":[0.001,10],"reason":"no reliable suggestion: only 4 usable \
        points, fewer than the 8 needed"},"skip_end":0,"skip_start":0,"smoothed":null,\
        "smoothing":"none","suggestions":{"minimum":{"error":null,"index":2,"loss":1,"lr":0.01},\
        "slide":{"error":"needs at least 16 points after trimming, found 4 (fastai raises \
        IndexError: index -16 is out of bounds)","index":null,"loss":null,"lr":null}},\
        "window_points":4}
        """)
  }

  @Test func minimaAddsCandidates() throws {
    let rates = (0..<20).map { 1e-4 * pow(1.5, Double($0)) }
    let losses: [Double] = [
      3, 2.6, 2.2, 1.8, 1.7, 1.75, 1.9, 2.0, 2.1, 1.8, 1.5, 1.3, 1.2, 1.25, 1.5, 2.0, 2.6, 3.3,
      4, 5,
    ]
    let text = "lr,loss\n" + zip(rates, losses).map { "\($0),\($1)" }.joined(separator: "\n")
    let pipeline = Pipeline(
      analysisOptions: AnalysisOptions(
        ruleIDs: ["minima"], skipStart: 0, skipEnd: 0, smoothing: Smoothing.none))
    let line = try pipeline.run(LogInput(path: "two.csv", bytes: Array(text.utf8))).jsonLine()
    #expect(line.contains("\"candidates\":["))
  }

  @Test func textShowsTheTableAndDiagnostics() throws {
    let options = AnalysisOptions(
      ruleIDs: ["minimum", "slide"], skipStart: 0, skipEnd: 0, smoothing: Smoothing.none)
    let text = try report(options).text()
    #expect(text.hasPrefix("mini.csv: csv, unknown ("))
    #expect(text.contains("5 points, no preset (lrlens defaults), skip 0 at the start"))
    #expect(text.contains("  minimum  1.00e-02  (point 2)\n"))
    #expect(text.contains("  slide    unavailable: needs at least 16 points"))
    #expect(text.contains("  mini.csv: warning: 1 of 5 losses are NaN or infinite"))
  }

  @Test func jsonRecommendationCarriesTheLocatedDescent() throws {
    let path = Fixtures.url("runs/fastai_mlp_digits/recorder.csv").path
    let line = try Pipeline(analysisOptions: AnalysisOptions()).run(path: path).jsonLine()
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    let recommendation = try #require(object?["recommendation"] as? [String: Any])
    let landmarks = try #require(recommendation["landmarks"] as? [String: Any])
    #expect(
      Set(landmarks.keys) == [
        "descent_start", "steepest", "half_fall", "minimum", "lowest", "divergence", "top_loss",
        "bottom_loss",
      ])
    let rates = try ["descent_start", "steepest", "minimum", "lowest", "divergence"].map {
      try #require(landmarks[$0] as? Double, "\($0)")
    }
    #expect(rates == rates.sorted())
    let lr = try #require(recommendation["lr"] as? Double)
    let range = try #require(recommendation["range"] as? [Double])
    #expect(range == [min(rates[0], lr), lr])
    let features = try #require(recommendation["features"] as? [String: Double])
    #expect(
      Set(features.keys) == [
        "first", "last", "descent_start", "steepest", "half_fall", "minimum", "bottom", "lowest",
        "divergence_or_last", "divergence_seen", "still_falling", "linear_grid", "significance",
        "resolution", "spread", "noise", "relative_depth", "valley", "minimum_rule", "capped",
      ])
    let lowest = try #require(features["lowest"])
    #expect(abs(lowest - log10(rates[3])) < 1e-9)
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
