import Foundation
import LRLensTestSupport
import Testing

@Suite struct PlotCommandTests {
  @Test func writesASelfContainedSVG() throws {
    let path = TemporaryFiles.path("plot.svg")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = runLRLens([
      "plot", "fixtures/runs/fastai_mlp_digits/recorder.csv", "--preset", "fastai", "-o", path,
      "--derivative",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.contains("<svg"))
    #expect(svg.hasSuffix("</svg>\n") || svg.hasSuffix("</svg>"))
    for rule in ["valley", "slide", "minimum", "steep", "1.74e-03"] {
      #expect(svg.contains(rule), "the legend names \(rule)")
    }
    #expect(!svg.contains("<script") && !svg.contains("http://fonts"))
  }

  @Test func drawsInTheTerminalWithinTheWidth() {
    let result = runLRLens([
      "plot", "fixtures/runs/tlf_exp_mlp_digits/history.json", "--preset", "torch-lr-finder",
      "--ascii", "--width", "60", "--height", "10",
    ])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count > 10)
    #expect(lines.allSatisfy { $0.count <= 60 })
    #expect(result.standardOutput.contains("min_grad"))
  }

  @Test func aBadFileWritesNoSVG() {
    let path = TemporaryFiles.path("bad.svg")
    let result = runLRLens(["plot", "fixtures/bad/two-points.csv", "-o", path])
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix("fixtures/bad/two-points.csv: error:"))
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func plotsSeveralFilesIntoAFolderInInputOrder() throws {
    let folder = TemporaryFiles.path("plots")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = runLRLens([
      "plot", "fixtures/runs/fastai_mlp_digits/recorder.csv",
      "fixtures/runs/tlf_exp_mlp_digits/history.json", "fixtures/bad/two-points.csv", "-o",
      folder, "--quiet",
    ])
    #expect(result.status == 65, "one file is bad")
    #expect(result.standardError.hasPrefix("fixtures/bad/two-points.csv: error:"))
    let written = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    #expect(
      written == [
        "fixtures__runs__fastai_mlp_digits__recorder.csv.svg",
        "fixtures__runs__tlf_exp_mlp_digits__history.json.svg",
      ])
  }

  @Test func severalFilesNeedAnExistingFolder() {
    let path = TemporaryFiles.path("not-a-folder.svg")
    let result = runLRLens([
      "plot", "fixtures/runs/fastai_mlp_digits/recorder.csv",
      "fixtures/runs/tlf_exp_mlp_digits/history.json", "-o", path,
    ])
    #expect(result.status == 73)
    #expect(result.standardError.contains("2 plots need a folder to go in"))
    #expect(result.standardOutput.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func terminalPlotsOfSeveralFilesAreHeadedByTheirPaths() {
    let files = [
      "fixtures/runs/tlf_exp_mlp_digits/history.json",
      "fixtures/runs/fastai_mlp_digits/recorder.csv",
    ]
    let result = runLRLens(["plot", "--ascii", "--width", "60"] + files)
    #expect(result.status == 0)
    let headers = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("== ") }
    #expect(headers.map(String.init) == files.map { "== \($0) ==" })
  }

  @Test func suggestAlsoWritesThePlot() throws {
    let path = TemporaryFiles.path("suggest.svg")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = runLRLens([
      "suggest", "fixtures/runs/fastai_mlp_digits/recorder.csv", "--preset", "fastai", "--plot",
      path,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("valley"))
    let svg = try String(contentsOfFile: path, encoding: .utf8)
    #expect(svg.contains("<svg") && svg.contains("1.74e-03"))
  }
}
