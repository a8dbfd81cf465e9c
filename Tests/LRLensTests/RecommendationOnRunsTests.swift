import LRLens
import LRLensTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `recommend` on the 11 reference runs.
///
/// Each run's main export is read through the real pipeline with lrlens's defaults. The
/// framework's own answer is noted beside each case for comparison.
@Suite struct RecommendationOnRunsTests {
  /// One reference run's main export and what `recommend` gives on it.
  struct Case: CustomTestStringConvertible, Sendable {
    /// The run folder.
    var run: String
    /// The export file in it.
    var file: String
    /// The recommended learning rate, or `nil` for a refusal.
    var learningRate: Double?
    /// The confidence level.
    var level: RecommendationConfidence.Level
    /// Findings that must be present.
    var findings: [CurveFinding.Kind] = []
    /// The framework's own suggestion, for the record.
    var framework: String

    var testDescription: String { "\(run)/\(file)" }
    var path: String { "runs/\(run)/\(file)" }
  }

  /// Agreement asked of the pinned values, in decades.
  static let tolerance = 0.05

  static let cases: [Case] = [
    Case(
      run: "fastai_cnn_digits", file: "recorder.csv", learningRate: 2.754e-2, level: .medium,
      findings: [.smoothingUndone, .noisyCurve], framework: "valley 3.63e-3, steep 8.32e-2"),
    Case(
      run: "fastai_extreme_end_lr_short_curve", file: "recorder.csv", learningRate: 5.012e-3,
      level: .medium, framework: "valley 2.75e-3 (lr_find itself raises: slide IndexError)"),
    Case(
      run: "fastai_mlp_digits", file: "recorder.csv", learningRate: 7.586e-3, level: .medium,
      findings: [.smoothingUndone], framework: "valley 1.74e-3, steep 3.31e-2"),
    Case(
      run: "fastai_sgd_nan_no_stop_div", file: "recorder.csv", learningRate: 0.3981,
      level: .medium, findings: [.smoothingUndone, .nonFiniteTail],
      framework: "valley 3.98e-2, steep 0.794"),
    Case(
      run: "ignite_exp_mlp_digits", file: "history.json", learningRate: 2.754e-2, level: .medium,
      findings: [.smoothingUndone, .noisyCurve], framework: "lr_suggestion 1.58e-2"),
    Case(
      run: "keras-epochwise_lrscheduler_mlp_breast_cancer_adam", file: "history.json",
      learningRate: 3.981e-3, level: .medium, framework: "get_best_lr sma 20: 2.51e-3"),
    Case(
      run: "keras-mlp_digits_adam", file: "history.json", learningRate: 4.662e-3, level: .medium,
      findings: [.noisyCurve], framework: "get_best_lr sma 20: 8.89e-3"),
    Case(
      run: "lightning_exp_mlp_digits", file: "results.json", learningRate: 3.311e-3,
      level: .medium, findings: [.smoothingUndone], framework: "suggestion() 1.20e-2"),
    Case(
      run: "mxnet-mlp_digits_sgd_tutorial_defaults", file: "results.json",
      learningRate: 5.58e-2, level: .medium, framework: "none (read by eye in the tutorial)"),
    Case(
      run: "tlf_exp_cnn_digits_raw_smooth0", file: "history.json", learningRate: 0.1056,
      level: .medium, framework: "steepest gradient 0.197"),
    Case(
      run: "tlf_exp_mlp_digits", file: "history.json", learningRate: 2.31e-2, level: .medium,
      findings: [.smoothingUndone, .noisyCurve], framework: "steepest gradient 1.79e-2"),
  ]

  private func recommendation(
    _ path: String, preset: Preset? = nil
  ) throws -> Recommendation {
    try Pipeline(analysisOptions: AnalysisOptions(preset: preset))
      .analyze(path: Fixtures.url(path).path).analysis.recommendation
  }

  @Test func everyReferenceRunHasACase() throws {
    #expect(try Set(Self.cases.map(\.run)) == Set(Fixtures.referenceRuns()))
  }

  @Test(arguments: cases)
  func recommendationOnTheRun(_ run: Case) throws {
    let result = try recommendation(run.path)
    #expect(result.confidence.level == run.level, "\(result.reason)")
    if let expected = run.learningRate {
      let rate = try #require(result.learningRate, "\(result.reason)")
      #expect(abs(log10(rate / expected)) < Self.tolerance, "\(rate) vs \(expected)")
      #expect(result.range.low <= rate && result.range.high == rate)
    } else {
      #expect(result.learningRate == nil)
      #expect(result.reason.hasPrefix("no reliable suggestion: "))
    }
    for kind in run.findings {
      #expect(result.finding(kind) != nil, "\(kind.rawValue) missing: \(result.findings)")
    }
  }

  /// Every export of a run (CSV, JSON, HDF5) gives the same learning rate and level (within
  /// 0.01 decades: MXNet's CSV rounds the learning rates its JSON keeps in full).
  @Test(arguments: cases)
  func everyExportOfARunAgrees(_ run: Case) throws {
    let expected = try recommendation(run.path)
    let exports = try ParityCase.all().filter { $0.run == run.run }.map(\.file)
    for path in Set(exports) where path != run.path {
      let other = try recommendation(path)
      #expect((other.learningRate == nil) == (expected.learningRate == nil), "\(path)")
      #expect(other.confidence.level == expected.confidence.level, "\(path)")
      if let rate = other.learningRate, let want = expected.learningRate {
        #expect(abs(log10(rate / want)) < 0.01, "\(path): \(rate) vs \(want)")
      }
    }
  }

  /// A preset changes the rules (and so the agreement), not the recommendation.
  @Test(arguments: cases)
  func presetsDoNotMoveTheRecommendation(_ run: Case) throws {
    let plain = try recommendation(run.path)
    for preset in Preset.allCases {
      let other = try recommendation(run.path, preset: preset)
      #expect(other.landmarks == plain.landmarks, "\(preset)")
      #expect(other.learningRate == plain.learningRate, "\(preset)")
      #expect(other.confidence == plain.confidence, "\(preset)")
    }
  }
}
