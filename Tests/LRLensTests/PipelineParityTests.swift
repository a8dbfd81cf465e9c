import LRLens
import LRLensTestSupport
import Testing

/// Every preset reproduces every framework's own suggestion (oracle.json, restated in each
/// run's expected.json) from every CSV and JSON export of the run, to a relative 1e-6.
@Suite struct PipelineParityTests {
  /// The analysis options a case's flags describe.
  private func options(for parity: ParityCase) -> AnalysisOptions {
    var options = AnalysisOptions(preset: parity.expected.preset.flatMap(Preset.init(rawValue:)))
    var arguments = parity.expected.arguments[...]
    while let flag = arguments.popFirst(), let value = arguments.popFirst() {
      switch flag {
      case "--num-it": options.numIterations = Int(value) ?? 100
      case "--sma": options.parameters.smaPeriod = Int(value) ?? 20
      case "--rules": options.ruleIDs = value.split(separator: ",").map(String.init)
      case "--skip-start": options.skipStart = Int(value)
      case "--skip-end": options.skipEnd = Int(value)
      case "--smooth": options.smoothing = Smoothing(id: value)
      default: Issue.record("unknown flag \(flag) in expected.json")
      }
    }
    return options
  }

  @Test func everyReferenceRunHasCases() throws {
    #expect(try Fixtures.referenceRuns().count == 11)
    #expect(try ParityCase.all().count >= 30)
  }

  @Test(arguments: try ParityCase.all())
  func presetReproducesTheFrameworksAnswer(_ parity: ParityCase) throws {
    let pipeline = Pipeline(analysisOptions: options(for: parity))
    let report = try pipeline.run(path: Fixtures.url(parity.file).path)
    for (rule, expected) in parity.expected.expect {
      let actual = report.suggestions.first { $0.rule == rule }
      #expect(actual != nil, "\(rule) missing")
      if let lr = expected.lr {
        expectClose(actual?.lr, lr, relativeTolerance: 1e-6, "\(parity) \(rule)")
        if let index = expected.index { #expect(actual?.index == index, "\(rule) row") }
      } else {
        #expect(actual?.lr == nil, "\(rule) must be unavailable as in the framework")
        #expect(actual?.error != nil)
      }
    }
  }

  /// TensorBoard event files written from a run's own export (fixtures/tensorboard, made by
  /// scripts/fixtures/make_tensorboard.py) and the run whose oracle they must reproduce.
  static let tensorBoardExports = [
    ("tensorboard/fastai_mlp_digits.tfevents", "fastai_mlp_digits", 0),
    ("tensorboard/lightning_exp_mlp_digits.tfevents", "lightning_exp_mlp_digits", 0),
    (
      "tensorboard/keras_epochwise_breast_cancer.tfevents",
      "keras-epochwise_lrscheduler_mlp_breast_cancer_adam", 1
    ),
  ]

  @Test(arguments: tensorBoardExports)
  func tensorBoardExportsReproduceTheirRun(file: String, run: String, caseIndex: Int) throws {
    let expected = try #require(try ExpectedRun.all().first { $0.run == run })
    let parity = ParityCase(run: run, file: file, expected: expected.cases[caseIndex])
    try presetReproducesTheFrameworksAnswer(parity)
  }
}
