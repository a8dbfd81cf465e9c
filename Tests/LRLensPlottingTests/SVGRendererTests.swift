import Foundation
import LRLensAnalysis
import LRLensCore
import LRLensPlotting
import LRLensTestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct SVGRendererTests {
  struct Run: CustomTestStringConvertible, Sendable {
    var path: String
    var preset: Preset?
    var isSmoothed: Bool
    var renderer: SVGRenderer
    var recommends: Bool
    var snapshot: String
    var testDescription: String { snapshot }
  }

  static let runs = [
    Run(
      path: "runs/fastai_mlp_digits/recorder.json", preset: .fastai, isSmoothed: true,
      renderer: SVGRenderer(width: 900, height: 650, showsDerivativePanel: true),
      recommends: false, snapshot: "fastai_mlp_digits.svg"),
    Run(
      path: "runs/fastai_sgd_nan_no_stop_div/recorder.json", preset: .fastai, isSmoothed: true,
      renderer: SVGRenderer(), recommends: false, snapshot: "fastai_sgd_nan_no_stop_div.svg"),
    Run(
      path: "runs/tlf_exp_cnn_digits_raw_smooth0/history.json", preset: nil, isSmoothed: false,
      renderer: SVGRenderer(width: 900, height: 650), recommends: true,
      snapshot: "tlf_exp_cnn_digits_raw_smooth0.svg"),
  ]

  private func svg(_ run: Run) throws -> String {
    var model = try #require(
      FixtureRuns.model(run.path, preset: run.preset, isSmoothed: run.isSmoothed))
    if run.recommends, let valley = model.legend.first(where: { $0.ruleID == "valley" }),
      let rate = valley.learningRate
    {
      model.recommendation = PlotModel.Recommendation(
        learningRate: rate, label: "recommended \(valley.valueText) (valley)")
    }
    return run.renderer.render(model)
  }

  @Test(arguments: runs) func matchesItsSnapshot(_ run: Run) throws {
    assertSnapshot(try svg(run), named: run.snapshot)
  }

  @Test(arguments: runs) func isWellFormedXML(_ run: Run) throws {
    let document = try svg(run)
    let parser = XMLParser(data: Data(document.utf8))
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
    #expect(document.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\""))
    #expect(document.contains("version=\"1.1\""))
    #expect(!document.contains("<script"))
    #expect(!document.contains("href"))
    #expect(!document.contains("nan"))
    #expect(!document.contains("inf\""))
  }

  @Test func rendersTheSameBytesTwice() throws {
    let run = Self.runs[0]
    #expect(try svg(run) == (try svg(run)))
  }

  @Test func escapesTextForXML() throws {
    let curve = LossCurve(
      learningRates: [1e-4, 1e-3, 1e-2, 1e-1], losses: [3, 2, 1, 4],
      provenance: Provenance(path: "a.csv", format: .csv))
    let analysis = Analyzer.analyze(
      curve,
      settings: AnalysisSettings(
        preset: nil, trimming: .none, smoothing: .none, ruleIDs: ["minimum"]))
    let model = PlotModel(
      curve: curve, analysis: analysis, title: "<run & \"friends\"> 'x'\u{1}")
    let document = SVGRenderer().render(model)
    #expect(document.contains("&lt;run &amp; &quot;friends&quot;&gt; &apos;x&apos;\u{FFFD}"))
    let parser = XMLParser(data: Data(document.utf8))
    #expect(parser.parse(), "\(String(describing: parser.parserError))")
  }

  @Test func drawsOneMarkerPerAvailableRule() throws {
    let document = try svg(Self.runs[0])
    // Each fastai rule has its own colour: once on the curve and once in the legend.
    for colour in ["#E69F00", "#009E73", "#D55E00", "#CC79A7"] {
      let uses = document.components(separatedBy: "fill=\"\(colour)\"").count - 1
      #expect(uses == 2, "\(colour)")
    }
  }
}
