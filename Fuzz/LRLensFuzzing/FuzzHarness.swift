import Foundation
package import LRLens

/// What every fuzz target does with one input, and how it replays saved inputs.
///
/// A fuzz target feeds arbitrary bytes to one reader and, when the reader accepts them, runs
/// every rule on the curve with lrlens's defaults and renders both reports, so the readers,
/// the analysis and the reports all meet hostile input. Any outcome but a trap is a pass: an
/// `LRLensError` is the expected answer to garbage.
package enum FuzzHarness {
  /// Exercises a reader on one input.
  ///
  /// - Parameters:
  ///   - reader: The reader under test.
  ///   - bytes: The input.
  package static func exercise(_ reader: some LogReader, bytes: [UInt8]) {
    let input = LogInput(path: "fuzz-input", bytes: bytes)
    guard let read = try? reader.read(input, options: ReadOptions()) else { return }
    let (settings, notes) = AnalysisOptions().settings(for: read.curve)
    let analysis = Analyzer.analyze(read.curve, settings: settings)
    let report = FileReport(
      curve: read.curve, analysis: analysis, diagnostics: read.diagnostics + notes)
    // A report that cannot be encoded is a bug the fuzzer must report.
    guard (try? report.jsonLine()) != nil, (try? InspectReport(read).jsonLine()) != nil else {
      fatalError("a report of a readable input cannot be encoded as JSON")
    }
    _ = report.text()
  }

  /// Exercises a reader on the bytes libFuzzer passes.
  ///
  /// - Parameters:
  ///   - reader: The reader under test.
  ///   - start: The first byte, or `nil` for an empty input.
  ///   - count: The number of bytes.
  /// - Returns: 0, as libFuzzer expects.
  package static func exercise(
    _ reader: some LogReader, start: UnsafePointer<UInt8>?, count: Int
  ) -> Int32 {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    exercise(reader, bytes: bytes)
    return 0
  }

  /// Replays saved inputs (files, or every file in folders) through a reader, as the normal,
  /// non-fuzzing build of a fuzz target does.
  ///
  /// - Parameters:
  ///   - reader: The reader under test.
  ///   - paths: Files or folders of inputs.
  /// - Returns: The number of inputs replayed.
  @discardableResult
  package static func replay(_ reader: some LogReader, paths: [String]) -> Int {
    var replayed = 0
    for path in paths {
      for file in files(at: path) {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        exercise(reader, bytes: [UInt8](data))
        replayed += 1
      }
    }
    return replayed
  }

  /// The file at a path, or the files in a folder (not recursive), sorted.
  private static func files(at path: String) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return []
    }
    guard isDirectory.boolValue else { return [path] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.sorted().map { "\(path)/\($0)" }
  }
}
