import Foundation
import LRLensTestSupport
import Testing

@Suite struct BatchCommandTests {
  @Test func suggestAnalysesEveryFixtureInInputOrder() throws {
    let result = runLRLens(["suggest", "fixtures/", "--recursive", "--json"])
    #expect(result.status == 65, "the bad fixtures fail, the others are analysed")
    let files = try result.standardOutput.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
      return (object as? [String: Any])?["file"] as? String ?? ""
    }
    #expect(files.count > 50)
    #expect(files == files.sorted())
    #expect(files.contains("fixtures/runs/fastai_mlp_digits/recorder.csv"))
    #expect(files.contains("fixtures/tensorboard/lightning_exp_mlp_digits.tfevents"))
    #expect(!result.standardError.contains("\r"), "no progress bar when stderr is not a terminal")
    #expect(result.standardError.contains("fixtures/bad/empty.csv: error: the file is empty"))
  }

  @Test func summaryTableAndCSV() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("lrlens-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let csv = folder.appendingPathComponent("summary.csv").path
    let files = [
      "fixtures/runs/fastai_mlp_digits/recorder.csv",
      "fixtures/runs/fastai_cnn_digits/recorder.csv",
    ]
    let result = runLRLens(["suggest", "--preset", "fastai", "--csv", csv] + files)
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Summary of 2 files:\nfile"))
    let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(
      rows.first == [
        "file", "framework", "points", "recommended", "level", "confidence", "valley", "slide",
        "minimum", "steep", "exit_code", "error",
      ])
    #expect(rows.map(\.first) == ["file", files[0], files[1]])
    // Every number reads back as the very value of the JSON report.
    let json = runLRLens(["suggest", "--preset", "fastai", "--json"] + files)
    for (row, line) in zip(rows.dropFirst(), json.standardOutput.split(separator: "\n")) {
      // JSONDecoder, unlike JSONSerialization, parses doubles exactly.
      let report = try JSONDecoder().decode(ReportNumbers.self, from: Data(line.utf8))
      #expect(row[1] == "fastai")
      #expect(Double(row[3]) == report.recommendation.lr)
      #expect(row[4] == report.recommendation.level)
      #expect(Double(row[5]) == report.recommendation.confidence)
      for (column, rule) in ["valley", "slide", "minimum", "steep"].enumerated() {
        #expect(Double(row[6 + column]) == report.suggestions[rule]?.lr, "\(rule)")
      }
      #expect(row[10...] == ["", ""])
    }
  }

  @Test func summaryCSVLeavesMissingValuesEmptyAndGivesErrorsTheirColumns() throws {
    let csv = TemporaryFiles.path("summary.csv")
    defer { try? FileManager.default.removeItem(atPath: csv) }
    let result = runLRLens([
      "suggest", "--rules", "valley", "--csv", csv, "fixtures/bad/empty.csv",
      "fixtures/runs/fastai_mlp_digits/recorder.csv",
    ])
    #expect(result.status == 65)
    let written = try String(contentsOfFile: csv, encoding: .utf8)
    #expect(
      written.hasPrefix(
        """
        file,framework,points,recommended,level,confidence,valley,exit_code,error
        fixtures/bad/empty.csv,,,,,,,65,"the file is empty: expected a header line such as \
        'lr,loss' and data rows"
        fixtures/runs/fastai_mlp_digits/recorder.csv,fastai,86,
        """))
    #expect(!written.contains("none") && !written.contains(",-,"))
    #expect(written.hasSuffix(",,\n"))
  }

  @Test func unwritableCSVLeavesNoFileAndExits73() {
    let path = "/nonexistent-lrlens-folder/summary.csv"
    let result = runLRLens([
      "suggest", "--csv", path, "fixtures/runs/fastai_mlp_digits/recorder.csv",
    ])
    #expect(result.status == 73)
    #expect(
      result.standardError == """
        \(path): error: cannot create a file in '/nonexistent-lrlens-folder': No such file or \
        directory
          fix: create the folder '/nonexistent-lrlens-folder' first, or choose another output path

        """)
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}

@Suite struct RunFolderTests {
  /// A run folder as people keep them: a log, the framework's own answers, an index, notes.
  static func makeRunFolder() throws -> String {
    let folder = TemporaryFiles.path("run")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Fixtures.url("runs/fastai_mlp_digits/recorder.csv").path,
      toPath: "\(folder)/recorder.csv")
    try FileManager.default.copyItem(
      atPath: Fixtures.url("runs/fastai_mlp_digits/oracle.json").path,
      toPath: "\(folder)/oracle.json")
    try Data(#"{"runs": ["recorder.csv"]}"#.utf8)
      .write(to: URL(fileURLWithPath: "\(folder)/index.json"))
    try Data("Notes, by hand.\nThe loss fell, then rose.\n".utf8)
      .write(to: URL(fileURLWithPath: "\(folder)/notes.txt"))
    return folder
  }

  @Test func suggestSkipsFilesThatAreNoLogsWithANote() throws {
    let folder = try Self.makeRunFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = runLRLens(["suggest", folder, "--quiet"])
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardOutput.hasPrefix("\(folder)/recorder.csv: "))
    #expect(!result.standardOutput.contains("Summary of"), "one log, no summary")
    for name in ["index.json", "notes.txt", "oracle.json"] {
      #expect(
        result.standardError.contains("\(folder)/\(name): note: skipped, not a learning-rate log (")
      )
    }
    #expect(!result.standardError.contains("error:"))
  }

  @Test func aNoLogNamedExplicitlyIsStillAnError() throws {
    let folder = try Self.makeRunFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = runLRLens(["suggest", "\(folder)/index.json"])
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix("\(folder)/index.json: error: found no learning-rate"))
  }

  @Test func excludeLeavesFilesOut() throws {
    let folder = try Self.makeRunFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = runLRLens([
      "suggest", folder, "--quiet", "--exclude", "*.json", "--exclude", "notes.*",
    ])
    #expect(result.status == 0)
    #expect(result.standardError.isEmpty, "\(result.standardError)")
  }
}

/// The numbers of a JSON report that the summary CSV repeats.
struct ReportNumbers: Decodable {
  struct Recommendation: Decodable {
    var lr: Double?
    var level: String
    var confidence: Double
  }

  struct Suggestion: Decodable {
    var lr: Double?
  }

  var recommendation: Recommendation
  var suggestions: [String: Suggestion]
}
