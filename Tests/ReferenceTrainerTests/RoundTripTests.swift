import Foundation
import LRLensCore
import LRLensReaders
import ReferenceTrainer
import Testing

/// A record written in one format, to be read back.
struct RoundTripCase: CustomTestStringConvertible, Sendable {
  var format: ExportFormat
  var record: RangeTestRecord

  var testDescription: String {
    "\(format.rawValue), \(record.style.rawValue), \(record.groupLearningRates.count) group(s)"
  }
}

/// Every format, written by the exporters and read back by the readers, keeps every value.
@Suite struct RoundTripTests {
  /// Learning rates that print awkwardly: `1e-07`, `0.30000000000000004`, float32 values
  /// widened to float64, a huge exponent and numbers around Python's switch to exponents.
  static let learningRates: [Double] = [
    1e-7, 1.2022644346174132e-07, 0.1 + 0.2, Double(Float(1e-3)), 9.999999747378752e-06,
    0.0001, 2.5e-300, 1e16, 1234.5, 3.7,
  ]
  /// Losses with the same traps, a negative zero and a non-finite tail.
  static let losses: [Double] = [
    2.3026, Double(Float(2.3026)), 0.1 + 0.2, 2.5e-300, 1e-7, -0.0, 1e300, .infinity, .nan,
    .nan,
  ]

  /// A single-group record of a style.
  static func record(_ style: FinderStyle, learningRates: [Double] = learningRates)
    -> RangeTestRecord
  {
    RangeTestRecord(
      style: style, taskName: "round-trip", seed: 7, groupLearningRates: [learningRates],
      loggedGroup: 0, rawLosses: losses, recordedLosses: losses, stoppedEarly: true)
  }

  /// A two-group record (discriminative rates, the last group logged, as fastai logs it).
  static func twoGroupRecord(_ style: FinderStyle) -> RangeTestRecord {
    RangeTestRecord(
      style: style, taskName: "round-trip", seed: 7,
      groupLearningRates: [float32LearningRates.map { $0 / 10 }, float32LearningRates],
      loggedGroup: 1,
      rawLosses: losses, recordedLosses: losses, stoppedEarly: false)
  }

  /// The learning rates for TensorBoard, which stores float32: 2.5e-300 would become 0.
  static let float32LearningRates = learningRates.map { $0 == 2.5e-300 ? 2.5e-30 : $0 }

  static let singleGroupCases = ExportFormat.allCases.flatMap { format in
    FinderStyle.allCases.map { style in
      let rates = format == .tensorboard ? float32LearningRates : learningRates
      return RoundTripCase(format: format, record: record(style, learningRates: rates))
    }
  }

  // The formats that name each parameter group's learning rate.
  static let twoGroupCases = [
    RoundTripCase(format: .csv, record: twoGroupRecord(.fastai)),
    RoundTripCase(format: .tensorboard, record: twoGroupRecord(.fastai)),
    RoundTripCase(format: .json, record: twoGroupRecord(.ignite)),
    RoundTripCase(format: .lightningMetrics, record: twoGroupRecord(.lightning)),
    RoundTripCase(format: .tensorboard, record: twoGroupRecord(.lightning)),
  ]

  @Test(arguments: singleGroupCases + twoGroupCases)
  func everyValueSurvives(_ example: RoundTripCase) throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/export"
    let record = example.record
    try RunExporter().export(record, as: example.format, to: path)
    // A neutral name: the format must be recognised by content.
    let input = LogInput(
      path: "export", bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    let result = try ReaderRegistry.read(input, options: ReadOptions())
    #expect(result.curve.provenance.format == Self.logFormat(of: example.format))

    let kept = Self.keptPoints(record, format: example.format)
    let written = record.groupLearningRates.map { group in
      kept.map { Self.stored(group[$0], format: example.format) }
    }
    let losses = kept.map {
      Self.stored(record.recordedLosses[$0], format: example.format, isLoss: true)
    }
    expectSameBits(result.curve.learningRates, written.last ?? [])
    expectSameBits(result.curve.losses, losses)
    if record.groupLearningRates.count > 1 {
      #expect(result.curve.parameterGroups.count == record.groupLearningRates.count)
      for (group, values) in zip(result.curve.parameterGroups, written) {
        expectSameBits(group.learningRates, values)
      }
    }
    #expect(try folder.contents() == ["export"])
  }

  @Test func speedometerKeepsSixDecimalLossesAndWholeLearningRates() throws {
    let bytes = try RunExporter().bytes(for: Self.record(.mxnet), as: .speedometer)
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    #expect(lines.count == Self.losses.count + 1)
    #expect(
      lines.first == "2026-01-01 00:00:00,000 Epoch[0] Batch [0]\tSpeed: 32000.000000 "
        + "samples/sec\tloss=2.302600\tlr=1e-07")
    #expect(
      lines.last?.hasPrefix(
        "2026-01-01 00:00:00,020 LR range test finished after 10 "
          + "iterations (stopping_criteria): running mean of loss nan") == true)
  }

  /// The log format the reader must detect.
  static func logFormat(of format: ExportFormat) -> LogFormat {
    switch format {
    case .csv, .kerasCSVLogger, .lightningMetrics: .csv
    case .json: .json
    case .speedometer: .text
    case .hdf5, .pandasHDF5: .hdf5
    case .tensorboard: .tensorboard
    }
  }

  /// The points a reader gets back: all, in every format (a Speedometer log too, whose
  /// learning rates keep all their digits).
  static func keptPoints(_ record: RangeTestRecord, format: ExportFormat) -> [Int] {
    Array(record.recordedLosses.indices)
  }

  /// What a format stores for a float64: the value itself, its float32 (TensorBoard), or its
  /// `%f` text (a Speedometer log's losses).
  static func stored(_ value: Double, format: ExportFormat, isLoss: Bool = false) -> Double {
    switch format {
    case .tensorboard: Double(Float(value))
    case .speedometer where isLoss: Double(PrintfFormat.fixed(value)) ?? .nan
    default: value
    }
  }
}

/// Expects two series to be equal bit for bit (NaN equal to any NaN).
func expectSameBits(
  _ actual: [Double], _ expected: [Double], sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.count == expected.count, sourceLocation: sourceLocation)
  for (index, (read, written)) in zip(actual, expected).enumerated() {
    let same = read.isNaN ? written.isNaN : read.bitPattern == written.bitPattern
    #expect(same, "point \(index): read \(read), wrote \(written)", sourceLocation: sourceLocation)
  }
}

/// A new empty folder below the system's temporary folder, removed when dropped.
final class TemporaryFolder {
  let path: String

  init() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("lrlens-exporter-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    path = url.path
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// The names in the folder, hidden ones included, sorted.
  func contents() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }
}
