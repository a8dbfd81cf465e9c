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

@Suite struct PipelineFlagTests {
  /// A range test whose loss only rises: lrlens refuses to recommend.
  static func writeRisingCurve() throws -> String {
    let path = TemporaryFiles.path("rising.csv")
    let rows = (0..<100).map { index in
      let learningRate = 1e-5 * pow(10, 5 * Double(index) / 99)
      return "\(learningRate),\(2 + 0.01 * Double(index))"
    }
    try Data((["lr,loss"] + rows).joined(separator: "\n").utf8)
      .write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test func strictReportsARefusalOnStandardError() throws {
    let rising = try Self.writeRisingCurve()
    defer { try? FileManager.default.removeItem(atPath: rising) }
    let result = runLRLens(["suggest", rising, "--strict"])
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix("\(rising): error: "))
    #expect(result.standardError.contains("(a refusal fails under --strict)\n  fix: "))
  }

  @Test func strictExitsWithTheFirstFailureInInputOrder() throws {
    let rising = try Self.writeRisingCurve()
    defer { try? FileManager.default.removeItem(atPath: rising) }
    let refusalFirst = runLRLens(["suggest", rising, "missing.csv", "--strict", "--quiet"])
    #expect(refusalFirst.status == 65)
    let missingFirst = runLRLens(["suggest", "missing.csv", rising, "--strict", "--quiet"])
    #expect(missingFirst.status == 66)
    let lines = missingFirst.standardError.split(separator: "\n")
    #expect(lines.first == "missing.csv: error: no such file")
    #expect(lines.dropFirst(2).first?.hasPrefix("\(rising): error: ") == true)
  }

  @Test func onlyLRPrintsOneRoundTrippingNumberPerFile() throws {
    let rising = try Self.writeRisingCurve()
    defer { try? FileManager.default.removeItem(atPath: rising) }
    let run = "fixtures/runs/fastai_mlp_digits/recorder.csv"
    let result = runLRLens(["suggest", run, rising, run, "--only-lr"])
    #expect(result.status == 0)
    let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 4 && lines[1].isEmpty && lines[3].isEmpty, "\(lines)")
    let json = runLRLens(["suggest", run, "--json"])
    let report = try JSONDecoder().decode(ReportNumbers.self, from: Data(json.standardOutput.utf8))
    #expect(Double(lines[0]) == report.recommendation.lr)
    #expect(lines[2] == lines[0])
    #expect(result.standardError.hasPrefix("\(rising): warning: "))
    let strict = runLRLens(["suggest", rising, "--only-lr", "--strict"])
    #expect(strict.status == 65 && strict.standardOutput.isEmpty)
  }

  @Test func onlyLRRefusesJSONAndVerbose() {
    let result = runLRLens(["suggest", "x.csv", "--only-lr", "--json"])
    #expect(result.status == 64)
    #expect(
      result.standardError.contains("--only-lr prints only the rate: drop --json and --verbose"))
  }
}
