import Testing

@testable import LRLensPlotting

@Suite struct MarkupTextTests {
  @Test func escapesTheCharactersMarkupGivesMeaningTo() {
    #expect(MarkupText.escape(#"a<b>&"c"'d"#) == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d")
    #expect(MarkupText.escape("runs/é.csv") == "runs/é.csv")
  }

  @Test func replacesControlCharactersXMLForbids() {
    #expect(MarkupText.escape("a\u{01}b\tc\n") == "a\u{FFFD}b\tc\n")
  }
}
