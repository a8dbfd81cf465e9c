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

  @Test func spreadUsesOnlyTheRulesMeaningfulOnTheGrid() throws {
    let file = try analysed("runs/fastai_mlp_digits/recorder.csv")
    var report = HTMLReport(ruleIDs: SuggesterRegistry.reportOrder)
    report.add(.analysed(file))
    let page = report.html()
    let rates = file.report.suggestions.filter { $0.rule != "lightning" }.compactMap(\.lr)
    let spread = try #require(HTMLReport.spreadInDecades(rates))
    #expect(
      page.contains(
        "<td data-value=\"\(spread)\" class=\"\(spread < 0.5 ? "agree" : spread < 1.5 ? "differ" : "disagree")\" "
          + "title=\"left out, not meaningful on this grid: lightning\">"))
  }

  @Test func theTableHasAStripKeyVisibleFindingsAndPathsThatWrapAtSlashes() throws {
    let file = try analysed("runs/fastai_mlp_digits/recorder.csv")
    var report = HTMLReport(ruleIDs: ["valley", "slide"])
    report.add(.analysed(file))
    let page = report.html()
    #expect(page.contains("<p class=\"strip-key\">Strip key: <span class=\"key\">"))
    #expect(page.contains("<p class=\"recommendation\">recommended "))
    for finding in file.report.recommendation.findings {
      #expect(page.contains(finding))
    }
    #expect(page.contains("runs/<wbr>fastai_<wbr>mlp_<wbr>digits/<wbr>recorder.csv</a></td>"))
    #expect(
      page.contains(
        "td.file { white-space: normal; min-width: 11em; max-width: 16em; overflow-wrap: normal;"))
  }
}
