import Foundation
import LRLensTestSupport
import Testing

@Suite struct SuggestCommandTests {
  @Test(arguments: try ParityCase.all().filter { $0.expected.preset != nil })
  func jsonOutputCarriesTheFrameworksAnswer(_ parity: ParityCase) throws {
    let result = runLRLens(parity.commandLine)
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count == 1)
    let object = try JSONSerialization.jsonObject(
      with: Data(lines.first.map(String.init)?.utf8 ?? "".utf8))
    let report = try #require(object as? [String: Any])
    for key in [
      "file", "format", "framework", "points", "preset", "skip_start", "skip_end", "smoothing",
      "suggestions", "diagnostics",
    ] {
      #expect(report[key] != nil, "missing key \(key)")
    }
    let suggestions = try #require(report["suggestions"] as? [String: [String: Any]])
    for (rule, expected) in parity.expected.expect {
      let actual = try #require(suggestions[rule], "\(rule)")
      for key in ["lr", "index", "loss", "error"] { #expect(actual[key] != nil, "\(rule).\(key)") }
      if let lr = expected.lr {
        expectClose(actual["lr"] as? Double, lr, relativeTolerance: 1e-6, "\(parity) \(rule)")
      } else {
        #expect(actual["lr"] is NSNull)
        #expect(actual["error"] is String)
      }
    }
  }

  @Test func textOutputIsATable() {
    let result = runLRLens([
      "suggest", "fixtures/runs/fastai_mlp_digits/recorder.csv", "--preset", "fastai",
    ])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty)
    let text = result.standardOutput
    #expect(text.contains("86 points, preset fastai, skip 10 at the start and 5 at the end"))
    #expect(text.contains("valley   1.74e-03  (point 53)"))
    #expect(text.contains("steep    3.31e-02"))
  }

  @Test func readsStandardInput() {
    let bytes = Fixtures.bytes("runs/tlf_exp_mlp_digits/history.json")
    let result = runLRLens(
      ["suggest", "-", "--preset", "torch-lr-finder", "--json"], standardInput: bytes)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("\"file\":\"-\""))
    #expect(result.standardOutput.contains("0.017886495290574348"))
  }

  @Test func withoutAPresetRunsEveryRuleAndSaysWhatItUsed() throws {
    let result = runLRLens([
      "suggest", "--json", "fixtures/runs/keras-mlp_digits_adam/lr_finder.csv",
    ])
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let report = try #require(object as? [String: Any])
    #expect(report["preset"] is NSNull)
    #expect(report["smoothing"] as? String == "fastai", "raw Keras losses are smoothed once")
    let suggestions = try #require(report["suggestions"] as? [String: Any])
    #expect(suggestions.count == 10)
    let diagnostics = try #require(report["diagnostics"] as? [String])
    #expect(diagnostics.contains { $0.contains("no preset") })
  }

  @Test func unknownRuleIsAUsageError() {
    let result = runLRLens([
      "suggest", "fixtures/runs/fastai_mlp_digits/recorder.csv", "--rules", "valley,bogus",
    ])
    #expect(result.status == 64)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.contains("unknown rule 'bogus'"))
  }

  @Test func aBadFileDoesNotStopTheOthers() {
    let result = runLRLens([
      "suggest", "fixtures/does-not-exist.csv", "fixtures/runs/fastai_mlp_digits/recorder.csv",
    ])
    #expect(result.status == 66)
    #expect(result.standardError.hasPrefix("fixtures/does-not-exist.csv: error: no such file"))
    #expect(result.standardOutput.contains("recorder.csv"))
  }
}
