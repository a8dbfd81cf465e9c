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
    let result = runLRLens([
      "suggest", "--preset", "fastai", "--csv", csv, "fixtures/runs/fastai_mlp_digits/recorder.csv",
      "fixtures/runs/fastai_cnn_digits/recorder.csv",
    ])
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("Summary of 2 files:\nfile"))
    let written = try String(contentsOfFile: csv, encoding: .utf8)
    #expect(
      written == """
        file,framework,points,recommended,valley,slide,minimum,steep
        fixtures/runs/fastai_mlp_digits/recorder.csv,fastai,86,1.51e-02,1.74e-03,1.10e-02,1.74e-02,\
        3.31e-02
        fixtures/runs/fastai_cnn_digits/recorder.csv,fastai,100,5.50e-02,3.63e-03,2.75e-02,\
        4.37e-02,8.32e-02

        """)
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
