import Foundation
import LRLensTestSupport
import Testing

@Suite struct ReportCommandTests {
  @Test func writesOnePageWithARowAndAPlotPerRun() throws {
    let path = TemporaryFiles.path("report.html")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let files = [
      "fixtures/runs/fastai_mlp_digits/recorder.csv",
      "fixtures/runs/tlf_exp_mlp_digits/history.json",
      "fixtures/runs/lightning_exp_mlp_digits/results.json",
    ]
    let result = runLRLens(["report"] + files + ["-o", path, "--quiet"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
    let page = try String(contentsOfFile: path, encoding: .utf8)
    #expect(page.components(separatedBy: "<tr data-run=").count - 1 == files.count)
    #expect(page.components(separatedBy: "<figure><svg").count - 1 == files.count)
    for file in files {
      #expect(page.contains(file))
    }
    #expect(!page.contains("src=\"http") && !page.contains("href=\"http"), "loads nothing")
  }

  @Test func listsFilesThatFailedAndExitsWithTheirCode() throws {
    let result = runLRLens([
      "report", "fixtures/runs/fastai_mlp_digits/recorder.csv", "fixtures/bad/two-points.csv",
      "--quiet",
    ])
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix("fixtures/bad/two-points.csv: error:"))
    #expect(result.standardOutput.contains("<tr data-run=\"2\" class=\"failed-row\">"))
    #expect(result.standardOutput.contains("error (exit 65)"))
  }

  @Test func aMissingFolderWritesNothing() {
    let path = TemporaryFiles.path("missing/report.html")
    let result = runLRLens([
      "report", "fixtures/runs/fastai_mlp_digits/recorder.csv", "-o", path,
    ])
    #expect(result.status == 73)
    #expect(result.standardError.contains("missing/report.html: error:"))
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
