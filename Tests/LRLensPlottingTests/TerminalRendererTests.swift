import LRLensAnalysis
import LRLensPlotting
import LRLensTestSupport
import Testing

@Suite struct TerminalRendererTests {
  private let path = "runs/fastai_mlp_digits/recorder.json"

  @Test func unicodeMatchesItsSnapshot() throws {
    let model = try #require(FixtureRuns.model(path, preset: .fastai))
    assertSnapshot(
      TerminalRenderer(width: 80, height: 24, usesUnicode: true).render(model),
      named: "fastai_mlp_digits.unicode.txt")
  }

  @Test func asciiMatchesItsSnapshot() throws {
    let model = try #require(FixtureRuns.model(path, preset: .fastai))
    assertSnapshot(
      TerminalRenderer(width: 72, height: 20, usesUnicode: false).render(model),
      named: "fastai_mlp_digits.ascii.txt")
  }

  @Test func rawLossesAndEveryRuleMatchTheirSnapshot() throws {
    let model = try #require(
      FixtureRuns.model(
        "runs/tlf_exp_cnn_digits_raw_smooth0/history.json", preset: nil, isSmoothed: false))
    assertSnapshot(
      TerminalRenderer(width: 100, height: 28, usesUnicode: true).render(model),
      named: "tlf_exp_cnn_digits_raw_smooth0.unicode.txt")
  }

  @Test(arguments: [30, 41, 64, 80, 133], [true, false])
  func fitsTheWidth(_ width: Int, _ usesUnicode: Bool) throws {
    let model = try #require(
      FixtureRuns.model(
        "runs/tlf_exp_cnn_digits_raw_smooth0/history.json", preset: nil, isSmoothed: false))
    let text = TerminalRenderer(width: width, height: 16, usesUnicode: usesUnicode).render(model)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.allSatisfy { $0.count <= width })
    // The title, 13 canvas rows and the two axis rows; the canvas and axes fill the width.
    let chart = lines.prefix(16)
    #expect(chart.count == 16)
    #expect(chart.dropFirst().allSatisfy { $0.count == width })
    if !usesUnicode { #expect(text.unicodeScalars.allSatisfy { $0.isASCII }) }
  }

  @Test func everyMarkerLetterIsDrawnAndExplained() throws {
    let model = try #require(FixtureRuns.model(path, preset: .fastai))
    let text = TerminalRenderer(width: 80, height: 24, usesUnicode: true).render(model)
    let lines = text.split(separator: "\n")
    let canvas = lines.dropFirst().prefix(21).joined()
    for letter in ["A", "B", "C", "D"] { #expect(canvas.contains(letter), "\(letter)") }
    let legend = lines.dropFirst(24).joined(separator: "\n")
    for entry in [
      "A valley 1.74e-03", "B slide 1.10e-02", "C minimum 1.74e-02", "D steep 3.31e-02",
    ] {
      #expect(legend.contains(entry), "\(entry)")
    }
  }

  @Test func tinySizesDoNotTrap() {
    let model = FixtureRuns.model(path, preset: .fastai)
    for width in [-5, 0, 1, 10] {
      let text = model.map { TerminalRenderer(width: width, height: 0).render($0) } ?? ""
      #expect(text.split(separator: "\n").allSatisfy { $0.count <= 30 })
    }
  }
}
