import Foundation
import LRLensTestSupport
import Testing

@Suite struct TrainCommandTests {
  static let styles = ["fastai", "torch-lr-finder", "lightning", "ignite", "keras", "mxnet"]
  static let formats = [
    "csv", "json", "hdf5", "pandas-hdf5", "tensorboard", "keras-csv-logger", "lightning-metrics",
    "speedometer",
  ]

  /// Trains a short run and returns `suggest --json` on it.
  private func trainThenSuggest(style: String, format: String) throws -> String {
    let folder = TemporaryFiles.path("train")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/run.\(format)"
    let train = runLRLens([
      "train", "--task", "moons-mlp", "--style", style, "--format", format, "--seed", "1",
      "--num-it", "60", "-o", path,
    ])
    #expect(train.status == 0, "\(train.standardError)")
    #expect(train.standardOutput.hasPrefix("wrote \(path): moons-mlp, \(style) finder, seed 1"))
    let suggest = runLRLens(["suggest", path, "--json"])
    #expect(suggest.status == 0, "\(suggest.standardError)")
    return suggest.standardOutput
  }

  @Test(arguments: styles) func everyStyleWritesALogSuggestReads(style: String) throws {
    let json = try trainThenSuggest(style: style, format: "csv")
    #expect(json.contains("\"valley\""))
  }

  @Test(arguments: formats) func everyFormatWritesALogSuggestReads(format: String) throws {
    let json = try trainThenSuggest(style: "fastai", format: format)
    #expect(json.contains("\"points\""))
  }

  @Test func theSameSeedGivesTheSameBytes() throws {
    let first = TemporaryFiles.path("a.csv")
    let second = TemporaryFiles.path("b.csv")
    defer {
      try? FileManager.default.removeItem(atPath: first)
      try? FileManager.default.removeItem(atPath: second)
    }
    for path in [first, second] {
      let result = runLRLens([
        "train", "--task", "linear-regression", "--style", "keras", "--num-it", "40", "-o", path,
      ])
      #expect(result.status == 0)
    }
    #expect(
      FileManager.default.contents(atPath: first) == FileManager.default.contents(atPath: second))
  }

  @Test func helpListsTheTasks() {
    let result = runLRLens(["train", "--help"])
    for task in [
      "digits-mlp", "digits-cnn", "moons-mlp", "spirals-mlp", "blobs-mlp", "linear-regression",
    ] {
      #expect(result.standardOutput.contains(task))
    }
  }

  @Test func anUnknownTaskIsAUsageError() {
    let result = runLRLens(["train", "--task", "imagenet", "-o", TemporaryFiles.path("x.csv")])
    #expect(result.status == 64)
    #expect(result.standardError.contains("no task named 'imagenet'"))
  }

  @Test func aMissingFolderWritesNothing() {
    let path = TemporaryFiles.path("missing") + "/run.csv"
    let result = runLRLens(["train", "--task", "moons-mlp", "--num-it", "20", "-o", path])
    #expect(result.status == 73)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix(path + ": error:"))
  }
}

@Suite struct TrainOutputTests {
  @Test func dashWritesTheLogToStandardOutput() throws {
    let path = TemporaryFiles.path("run.csv")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let arguments = ["train", "--task", "moons-mlp", "--style", "keras", "--num-it", "40"]
    let toFile = runLRLens(arguments + ["-o", path])
    let toStandardOutput = runLRLens(arguments + ["-o", "-"])
    #expect(toStandardOutput.status == 0)
    #expect(
      Array(toStandardOutput.standardOutput.utf8)
        == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    #expect(toStandardOutput.standardError.hasPrefix("wrote <stdout>: moons-mlp, keras finder"))
    #expect(toFile.standardOutput.hasPrefix("wrote \(path): moons-mlp, keras finder"))
    #expect(!FileManager.default.fileExists(atPath: "-"))
  }

  /// Every point the trainer writes in a Speedometer log reads back: the learning rates keep
  /// all their digits (with `%f`, 9 of 100 would read as 0 and be dropped).
  @Test func aSpeedometerLogReadsBackWhole() throws {
    let path = TemporaryFiles.path("train.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let train = runLRLens([
      "train", "--task", "digits-mlp", "--style", "mxnet", "--format", "speedometer",
      "--start-lr", "1e-8", "--num-it", "100", "--no-stop-div", "-o", path,
    ])
    #expect(train.status == 0, "\(train.standardError)")
    let written = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
      .filter { $0.contains("\tlr=") }
    let inspect = runLRLens(["inspect", path, "--json"])
    #expect(inspect.status == 0, "\(inspect.standardError)")
    #expect(
      inspect.standardOutput.contains("\"points\":\(written.count)"),
      "\(inspect.standardOutput.prefix(400))")
    #expect(!inspect.standardError.contains("warning"), "\(inspect.standardError)")
    let suggest = runLRLens(["suggest", path])
    #expect(!suggest.standardOutput.contains("dropped"), "\(suggest.standardOutput)")
  }
}
