import LRLensTestSupport
import Testing

@testable import LRLens

@Suite struct HTMLReportTests {
  private func analysed(_ relativePath: String) throws -> AnalysedFile {
    let pipeline = Pipeline(analysisOptions: AnalysisOptions(preset: .fastai))
    return try pipeline.analyze(path: Fixtures.url(relativePath).path)
  }

  @Test func spreadIsTheDecadesBetweenTheExtremeRates() throws {
    #expect(try #require(HTMLReport.spreadInDecades([1e-3, 1e-2, 1e-1])) == 2)
    #expect(HTMLReport.spreadInDecades([1e-3]) == nil)
    #expect(HTMLReport.spreadInDecades([1e-3, .nan, 0]) == nil)
  }

  @Test func aFileNameCannotInjectMarkup() throws {
    var report = HTMLReport(ruleIDs: ["valley"])
    let error = LRLensError(
      .badData, at: InputLocation(path: "<script>alert(1)</script>.csv"), problem: "bad",
      fix: "fix it")
    report.add(.failed(path: "<script>alert(1)</script>.csv", error: error))
    let page = report.html()
    #expect(!page.contains("<script>alert"))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;.csv"))
  }

  @Test func isDeterministicAndInInputOrder() throws {
    var report = HTMLReport(ruleIDs: SuggesterRegistry.reportOrder)
    report.add(.analysed(try analysed("runs/tlf_exp_mlp_digits/history.json")))
    report.add(.analysed(try analysed("runs/fastai_mlp_digits/recorder.csv")))
    let page = report.html()
    #expect(page == report.html())
    let first = try #require(page.range(of: "tlf_exp_mlp_digits/history.json"))
    let second = try #require(page.range(of: "fastai_mlp_digits/recorder.csv"))
    #expect(first.lowerBound < second.lowerBound)
    #expect(!page.contains("<?xml"), "inline SVGs lose their XML declaration")
    #expect(page.hasSuffix("</html>\n"))
  }
}
