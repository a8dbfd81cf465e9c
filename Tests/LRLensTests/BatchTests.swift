import Foundation
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

  @Test func resultsArriveInInputOrder() {
    let paths = (0..<1000).map { "input-\($0)" }
    let finished = Locked(0)
    var delivered: [Int] = []
    BatchRunner.run(paths, progress: { count in finished.set(max(finished.value, count)) }) {
      path throws(LRLensError) -> Int in
      guard let number = Int(path.dropFirst(6)) else {
        throw LRLensError(.badData, at: InputLocation(path: path), problem: "x", fix: "y")
      }
      if number % 7 == 0 {
        throw LRLensError(.badData, at: InputLocation(path: path), problem: "seven", fix: "y")
      }
      return number
    } deliver: { index, path, result in
      #expect(path == paths[index])
      switch result {
      case .success(let number): #expect(number == index)
      case .failure(let error): #expect(index % 7 == 0 && error.problem == "seven")
      }
      delivered.append(index)
    }
    #expect(delivered == Array(0..<1000))
    #expect(finished.value == 1000)
  }

  @Test func summaryTableAlignsTextAndQuotesCSV() throws {
    var table = SummaryTable(ruleIDs: ["valley"])
    let report = try Pipeline(analysisOptions: AnalysisOptions(preset: .fastai))
      .run(path: Fixtures.url("runs/fastai_mlp_digits/recorder.csv").path)
    table.add(report)
    table.add(
      failed: "a,b.csv",
      error: LRLensError(.badData, at: InputLocation(path: "a,b.csv"), problem: "p", fix: "f"))
    #expect(table.csv().hasSuffix("\"a,b.csv\",error (exit 65),-,-,-\n"))
    #expect(table.text().split(separator: "\n").count == 3)
  }
}

/// A value shared between threads.
final class Locked<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value

  init(_ value: Value) { stored = value }

  var value: Value {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  func set(_ value: Value) {
    lock.lock()
    defer { lock.unlock() }
    stored = value
  }
}
