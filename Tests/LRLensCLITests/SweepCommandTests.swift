import Foundation
import LRLensTestSupport
import Testing

@Suite struct SweepCommandTests {
  private let small = [
    "--points", "4", "--min-lr", "1e-3", "--max-lr", "1", "--seeds", "1,2", "--steps", "30",
  ]

  @Test func jsonHasTheBestRateTheGoodRangeAndEveryResult() throws {
    let result = runLRLens(["sweep", "--task", "moons-mlp", "--json"] + small)
    #expect(result.status == 0, "\(result.standardError)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    let best = try #require(object["best_lr"] as? Double)
    let range = try #require(object["good_range"] as? [Double])
    #expect(range.count == 2 && range[0] <= best && best <= range[1])
    let results = try #require(object["results"] as? [[String: Any]])
    #expect(results.count == 8, "4 rates × constant and one-cycle")
    #expect(results.allSatisfy { $0["lr"] is Double && $0["val_loss"] != nil })
    #expect(object["one_cycle"] is [String: Any])
  }

  @Test func writesTheCSVAndATextTable() throws {
    let path = TemporaryFiles.path("sweep.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = runLRLens(
      ["sweep", "--task", "linear-regression", "--no-one-cycle", "--csv", path] + small)
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("best constant lr:"))
    let csv = try String(contentsOfFile: path, encoding: .utf8)
    #expect(csv.hasPrefix("schedule,lr,train_loss,val_loss,val_accuracy,diverged_runs,good\n"))
    #expect(csv.split(separator: "\n").count == 5)
  }

  @Test func refusesBadSeeds() {
    let result = runLRLens(["sweep", "--task", "moons-mlp", "--seeds", "1,x"])
    #expect(result.status == 64)
    #expect(result.standardError.contains("--seeds must be comma-separated whole numbers"))
  }
}

@Suite struct ValidateCommandTests {
  @Test(arguments: [
    (["--suite", "--held-out"], "--suite and --held-out run different task sets"),
    (["--suite", "--style", "keras"], "--style cannot be combined with --suite"),
    (["--held-out", "--style", "fastai"], "--style cannot be combined with --held-out"),
    (["--suite", "--task", "moons-mlp"], "--task cannot be combined with --suite"),
    (["--held-out", "--task", "nope"], "--task cannot be combined with --held-out"),
    (["--task", "nope"], "no task named 'nope'"),
  ])
  func refusesFlagsThatWouldBeIgnored(_ arguments: [String], _ message: String) {
    let result = runLRLens(["validate"] + arguments)
    #expect(result.status == 64)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix("Error: \(message)"), "\(result.standardError)")
  }

  @Test func printsEachRulesRegretAndASummary() {
    let result = runLRLens([
      "validate", "--task", "moons-mlp", "--task", "linear-regression", "--points", "4",
      "--min-lr", "1e-3", "--max-lr", "1", "--seeds", "1", "--steps", "30", "--no-one-cycle",
    ])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.contains("moons-mlp, fastai range test (seed 1)"))
    #expect(result.standardOutput.contains("Summary over 2 tasks:"))
    #expect(result.standardOutput.contains("| valley | 2 |"))
  }

  @Test func writesJSONLinesAndTheRangeTests() throws {
    let folder = TemporaryFiles.path("validate-logs")
    let json = TemporaryFiles.path("validate.jsonl")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer {
      try? FileManager.default.removeItem(atPath: folder)
      try? FileManager.default.removeItem(atPath: json)
    }
    let result = runLRLens([
      "validate", "--task", "moons-mlp", "--style", "keras", "--points", "4", "--min-lr",
      "1e-3", "--max-lr", "1", "--seeds", "1", "--steps", "30", "--no-one-cycle", "--json", json,
      "--save-logs", folder,
    ])
    #expect(result.status == 0, "\(result.standardError)")
    let lines = try String(contentsOfFile: json, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 1)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
    #expect(object["task"] as? String == "moons-mlp" && object["style"] as? String == "keras")
    let sweep = try #require(object["sweep"] as? [String: Any])
    #expect(sweep["near_best_centre"] is Double)
    let outcomes = try #require(object["outcomes"] as? [[String: Any]])
    #expect(outcomes.first?["rule"] as? String == "recommend")
    #expect(outcomes.allSatisfy { $0.keys.contains("decades_from_centre") })
    let log = folder + "/moons-mlp-keras.csv"
    let reread = runLRLens(["suggest", "--json", log])
    #expect(reread.status == 0, "\(reread.standardError)")
    #expect(reread.standardOutput.contains("\"framework\":\"keras\""))
  }
}
