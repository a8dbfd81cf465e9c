import LRLens
import LRLensTestSupport
import Testing

@Suite struct BatchTests {
  @Test func directoriesGiveTheirLogFilesInSortedOrder() {
    let folder = Fixtures.url("runs/fastai_mlp_digits").path
    let files = InputExpander.expand([folder], recursive: false)
    #expect(
      files.map { $0.split(separator: "/").last.map(String.init) ?? "" } == [
        "expected.json", "lr_find_h5py.h5", "lr_find_pandas.h5", "oracle.json", "recorder.csv",
        "recorder.json",
      ])
  }

  @Test func recursiveSearchAndGlobsKeepInputOrder() {
    let runs = Fixtures.url("runs").path
    let recursive = InputExpander.expand([runs], recursive: true)
    #expect(recursive == recursive.sorted())
    #expect(recursive.contains { $0.hasSuffix("mxnet-mlp_digits_sgd_tutorial_defaults/train.log") })
    #expect(InputExpander.expand([runs], recursive: false).isEmpty, "runs/ holds only folders")
    let pattern = "\(runs)/fastai_*/recorder.csv"
    let globbed = InputExpander.expand(["-", pattern, "missing.csv"], recursive: false)
    #expect(globbed.count == 6)
    #expect(globbed.first == "-")
    #expect(globbed.last == "missing.csv")
  }

  @Test func summaryTableAlignsTextAndQuotesCSV() throws {
    var table = SummaryTable(ruleIDs: ["valley"])
    let report = try Pipeline(analysisOptions: AnalysisOptions(preset: .fastai))
      .run(path: Fixtures.url("runs/fastai_mlp_digits/recorder.csv").path)
    table.add(report)
    table.add(
      failed: "a,b.csv",
      error: LRLensError(.badData, at: InputLocation(path: "a,b.csv"), problem: "p", fix: "f"))
    #expect(table.csv().hasSuffix("\"a,b.csv\",,,,,,,65,p\n"))
    #expect(table.text().split(separator: "\n").count == 3)
  }
}

/// A file that is no learning-rate log, as a run folder holds one.
struct NotALogCase: CustomTestStringConvertible, Sendable {
  var name: String
  var text: String

  var testDescription: String { name }
}

@Suite struct NotALogTests {
  @Test(arguments: [
    NotALogCase(name: "oracle.json", text: #"{"run": "x", "suggestions": {"valley": 0.01}}"#),
    NotALogCase(name: "index.json", text: #"{"runs": ["a", "b"], "count": 2}"#),
    NotALogCase(name: "settings.json", text: #"{"seed": 1}"#),
    NotALogCase(name: "notes.txt", text: "Notes on this run, by hand.\nIt fell, then rose.\n"),
    NotALogCase(name: "notes.log", text: "started\nfinished\n"),
  ])
  func filesWithoutALearningRateSeriesAreNoLogs(_ example: NotALogCase) {
    do {
      _ = try ReaderRegistry.read(
        LogInput(path: example.name, bytes: Array(example.text.utf8)), options: ReadOptions())
      Issue.record("\(example.name) was read")
    } catch {
      #expect(InputExpander.meansNotALog(error), "\(error)")
    }
  }

  @Test(arguments: [
    NotALogCase(name: "damaged.csv", text: "lr,loss\n0.001,abc\n0.01,2\n"),
    NotALogCase(name: "truncated.json", text: #"{"lr": [0.001, 0.01], "loss": [2.5"#),
    NotALogCase(name: "header.csv", text: "lr,loss\n"),
  ])
  func damagedLogsAreStillLogs(_ example: NotALogCase) {
    do {
      _ = try ReaderRegistry.read(
        LogInput(path: example.name, bytes: Array(example.text.utf8)), options: ReadOptions())
      Issue.record("\(example.name) was read")
    } catch {
      #expect(!InputExpander.meansNotALog(error), "\(error)")
    }
  }
}
