import Foundation
import LRLens
import LRLensTestSupport
import Testing

/// Each reference run's SVG plot through the whole pipeline (reader, preset, analysis,
/// renderer), against a golden file in `Snapshots/`.
@Suite struct ReferenceRunPlotTests {
  struct Run: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String
    var preset: Preset?
    var testDescription: String { name }
  }

  /// Every run in `fixtures/runs`, plotted from its framework's own export (not the HDF5
  /// re-encodings) with the preset of its first expected case.
  static func runs() throws -> [Run] {
    try ExpectedRun.all().compactMap { run in
      guard let first = run.cases.first,
        let file = first.files.first(where: { !$0.hasSuffix(".h5") }) ?? first.files.first
      else { return nil }
      return Run(name: run.run, file: file, preset: first.preset.flatMap(Preset.init(rawValue:)))
    }
  }

  @Test func everyReferenceRunHasAGoldenPlot() throws {
    #expect(try Self.runs().count == 11)
  }

  @Test(arguments: try runs()) func matchesItsGoldenSVG(_ run: Run) throws {
    let path = Fixtures.url("runs/\(run.name)/\(run.file)").path
    let analysed = try Pipeline(analysisOptions: AnalysisOptions(preset: run.preset))
      .analyze(path: path)
    let svg = SVGRenderer(width: 900, height: 650, showsDerivativePanel: true)
      .render(analysed.plotModel)
    #expect(!svg.contains(Fixtures.url("").path), "no machine-specific path in the plot")
    assertSnapshot(svg, named: "\(run.name).svg")
  }
}
