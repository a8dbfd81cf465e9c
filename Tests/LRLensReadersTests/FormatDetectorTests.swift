import LRLensCore
import Testing

@testable import LRLensReaders

@Suite struct FormatDetectorTests {
  @Test(arguments: [
    ("lr,loss\n1,2\n", LogFormat.csv), ("\u{FEFF}{\"lr\": []}", .json), ("  \n[[1, 2]]", .json),
    ("\u{89}HDF\r\n\u{1A}\n", .csv), ("", .csv),
  ])
  func detectsTheFormatFromContent(text: String, format: LogFormat) {
    #expect(FormatDetector.detect(LogInput(path: "x", bytes: Array(text.utf8))) == format)
  }

  @Test func detectsTheHDF5Signature() {
    let bytes: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]
    #expect(FormatDetector.detect(LogInput(path: "x.h5", bytes: bytes)) == .hdf5)
  }
}

/// A log whose first byte is `[` and what the detector must make of it.
struct BracketStartCase: CustomTestStringConvertible, Sendable {
  var name: String
  var path: String
  var text: String
  var candidates: [LogFormat]

  var testDescription: String { name }
}

@Suite struct BracketStartTests {
  static let timestampedLog = """
    [2024-11-22 12:00:00,000] INFO lr=0.001 loss=2.5
    [2024-11-22 12:00:01,000] INFO lr=0.01 loss=2.25
    [2024-11-22 12:00:02,000] INFO lr=0.1 loss=3.0

    """
  static let counterLog = """
    [1/100] lr=0.001 loss=2.5
    [2/100] lr=0.01 loss=2.25
    [3/100] lr=0.1 loss=3.0

    """

  static let cases = [
    BracketStartCase(
      name: "timestamped", path: "run.txt", text: timestampedLog, candidates: [.text, .json]),
    BracketStartCase(
      name: "step counter", path: "run", text: counterLog, candidates: [.text, .json]),
    BracketStartCase(
      name: "one line named .log", path: "run.log", text: "[1/100] lr=0.001 loss=2.5\n",
      candidates: [.text, .json]),
    BracketStartCase(
      name: "one line named .json", path: "run.json", text: "[1/100] lr=0.001 loss=2.5\n",
      candidates: [.json, .text]),
    BracketStartCase(
      name: "JSON pairs", path: "run.log", text: "[[0.001, 2.5], [0.01, 2.25]]",
      candidates: [.json]),
    BracketStartCase(
      name: "JSON object", path: "run.log", text: "{\"lr\": [0.001]}", candidates: [.json]),
  ]

  @Test(arguments: cases)
  func triesTheFormatsThatFit(_ example: BracketStartCase) {
    let input = LogInput(path: example.path, bytes: Array(example.text.utf8))
    #expect(FormatDetector.candidates(input) == example.candidates)
  }

  @Test(arguments: [("run.txt", timestampedLog), ("run.log", counterLog)])
  func readsBracketedTextLogs(path: String, text: String) throws {
    let result = try ReaderRegistry.read(
      LogInput(path: path, bytes: Array(text.utf8)), options: ReadOptions())
    #expect(result.curve.learningRates == [1e-3, 1e-2, 1e-1])
    #expect(result.curve.losses == [2.5, 2.25, 3])
  }

  @Test func namesTheFormatFlagWhenNoCandidateReads() {
    let input = LogInput(path: "run.json", bytes: Array("[1/100] nothing here\n".utf8))
    #expect(throws: LRLensError.self) {
      try ReaderRegistry.read(input, options: ReadOptions())
    }
    do {
      _ = try ReaderRegistry.read(input, options: ReadOptions())
    } catch {
      #expect(
        error.fix.hasSuffix("; or, if this is a text log, force the format with --format text"))
    }
  }
}
