import Foundation
import LRLensCore
import LRLensReaders
import LRLensTestSupport
import ReferenceTrainer
import Testing

/// A real export of a reference run, which the exporter must reproduce from its numbers.
struct FixtureExport: CustomTestStringConvertible, Sendable {
  /// The file below `fixtures/`.
  var file: String
  var format: ExportFormat
  var style: FinderStyle

  var testDescription: String { file }
}

/// The exporter reproduces the frameworks' real files byte for byte, and writes atomically.
@Suite struct RunExporterTests {
  static let fixtureExports: [FixtureExport] =
    [
      "fastai_cnn_digits", "fastai_extreme_end_lr_short_curve", "fastai_mlp_digits",
      "fastai_sgd_nan_no_stop_div",
    ].flatMap { run in
      [
        FixtureExport(file: "runs/\(run)/recorder.csv", format: .csv, style: .fastai),
        FixtureExport(file: "runs/\(run)/recorder.json", format: .json, style: .fastai),
      ]
    } + [
      FixtureExport(
        file: "runs/ignite_exp_mlp_digits/history.json", format: .json, style: .ignite),
      FixtureExport(
        file: "runs/tlf_exp_cnn_digits_raw_smooth0/history.json", format: .json,
        style: .torchLRFinder),
      FixtureExport(
        file: "runs/tlf_exp_mlp_digits/history.json", format: .json, style: .torchLRFinder),
      FixtureExport(
        file: "runs/lightning_exp_mlp_digits/results.json", format: .json, style: .lightning),
      FixtureExport(
        file: "runs/keras-mlp_digits_adam/history.json", format: .json, style: .keras),
      FixtureExport(file: "runs/keras-mlp_digits_adam/lr_finder.csv", format: .csv, style: .keras),
      FixtureExport(
        file: "runs/keras-epochwise_lrscheduler_mlp_breast_cancer_adam/history.json",
        format: .json, style: .keras),
      FixtureExport(
        file: "runs/keras-epochwise_lrscheduler_mlp_breast_cancer_adam/csv_logger.csv",
        format: .kerasCSVLogger, style: .keras),
      FixtureExport(
        file: "runs/mxnet-mlp_digits_sgd_tutorial_defaults/results.json", format: .json,
        style: .mxnet),
      FixtureExport(
        file: "runs/mxnet-mlp_digits_sgd_tutorial_defaults/results.csv", format: .csv,
        style: .mxnet),
    ]
    + [
      "fastai_cnn_digits", "fastai_extreme_end_lr_short_curve", "fastai_mlp_digits",
      "fastai_sgd_nan_no_stop_div", "ignite_exp_mlp_digits", "lightning_exp_mlp_digits",
      "tlf_exp_cnn_digits_raw_smooth0", "tlf_exp_mlp_digits",
    ].map { FixtureExport(file: "runs/\($0)/lr_find_h5py.h5", format: .hdf5, style: .fastai) }
    + ["keras-mlp_digits_adam", "keras-epochwise_lrscheduler_mlp_breast_cancer_adam"].map {
      FixtureExport(file: "runs/\($0)/lr_finder.h5", format: .hdf5, style: .keras)
    }

  @Test(arguments: fixtureExports)
  func reproducesTheFrameworksFile(_ fixture: FixtureExport) throws {
    let expected = Fixtures.bytes(fixture.file)
    let record = try Self.record(readFrom: fixture.file, style: fixture.style)
    let bytes = try RunExporter().bytes(for: record, as: fixture.format)
    #expect(bytes.count == expected.count)
    let firstDifference = zip(bytes, expected).enumerated().first { $1.0 != $1.1 }?.offset
    #expect(firstDifference == nil, "first difference at byte \(firstDifference ?? -1)")
  }

  @Test func speedometerLinesMatchTheMXNetRunsLog() throws {
    let record = try Self.record(
      readFrom: "runs/mxnet-mlp_digits_sgd_tutorial_defaults/results.json", style: .mxnet)
    let text = String(
      decoding: try RunExporter().bytes(for: record, as: .speedometer), as: UTF8.self)
    let log = String(
      decoding: Fixtures.bytes("runs/mxnet-mlp_digits_sgd_tutorial_defaults/train.log"),
      as: UTF8.self)
    // The real log starts with a line about the device; its times and speeds were measured.
    // Its learning rates have six decimals; ours keep every digit, and round to the same.
    let realLines = log.split(separator: "\n").dropFirst().map(Self.withoutTimeAndSpeed)
    let ourLines = text.split(separator: "\n").map(Self.withoutTimeAndSpeed)
      .map(Self.withSixDecimalLearningRate)
    #expect(ourLines.count == 156)
    #expect(ourLines == Array(realLines))
    #expect(text.hasPrefix("2026-01-01 00:00:00,000 Epoch[0] Batch [0]\tSpeed: 32000.000000"))
    #expect(text.hasSuffix("\n"))
  }

  @Test func exportFormatsHaveStableNamesAndExtensions() {
    #expect(
      ExportFormat.allCases.map(\.rawValue) == [
        "csv", "json", "keras-csv-logger", "lightning-metrics", "speedometer", "hdf5",
        "pandas-hdf5", "tensorboard",
      ])
    #expect(
      ExportFormat.allCases.map(\.fileExtension) == [
        "csv", "json", "csv", "csv", "log", "h5", "h5", "tfevents",
      ])
    for format in ExportFormat.allCases {
      #expect(!format.summary.isEmpty && !format.summary.contains("\n"))
      #expect(!format.suitedStyles.isEmpty)
    }
    #expect(ExportFormat.speedometer.suitedStyles == [.mxnet])
    #expect(ExportFormat.csv.suitedStyles == FinderStyle.allCases)
  }

  @Test func theSameRecordGivesTheSameBytes() throws {
    let record = RoundTripTests.record(.lightning)
    for format in ExportFormat.allCases {
      let first = try RunExporter().bytes(for: record, as: format)
      let second = try RunExporter().bytes(for: record, as: format)
      #expect(first == second, "\(format.rawValue)")
    }
  }

  @Test(arguments: ExportFormat.allCases)
  func anEmptyRecordIsStillAFile(_ format: ExportFormat) throws {
    let record = RangeTestRecord(
      style: .mxnet, taskName: "empty", seed: 0, groupLearningRates: [[]], loggedGroup: 0,
      rawLosses: [], recordedLosses: [], stoppedEarly: true)
    let bytes = try RunExporter().bytes(for: record, as: format)
    let text = String(decoding: bytes, as: UTF8.self)
    switch format {
    case .csv: #expect(text == "lr,loss\r\n")
    case .json: #expect(text == "[]")
    case .kerasCSVLogger: #expect(text == "epoch,learning_rate,loss,val_learning_rate,val_loss\r\n")
    case .lightningMetrics: #expect(text == "epoch,lr-SGD,step,train_loss\r\n")
    case .speedometer: #expect(text.isEmpty)
    case .hdf5, .pandasHDF5: #expect(bytes.starts(with: HDF5Reader.signature))
    // Only the file_version event: framing, wall time, "brain.Event:2".
    case .tensorboard: #expect(bytes.count == 16 + 9 + 2 + 13)
    }
  }

  @Test func lightningKeysNameTheOptimizer() throws {
    let record = RoundTripTests.twoGroupRecord(.lightning)
    let bytes = try RunExporter(optimizerName: "Adam").bytes(for: record, as: .lightningMetrics)
    let header = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n").first
    #expect(header == "epoch,lr-Adam/pg1,lr-Adam/pg2,step,train_loss")
  }

  @Test func namesWithCommasAndQuotesAreQuotedAsPythonQuotesThem() throws {
    let record = RoundTripTests.record(.lightning)
    let bytes = try RunExporter(optimizerName: "My,\"Opt\"").bytes(
      for: record, as: .lightningMetrics)
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasPrefix("epoch,\"lr-My,\"\"Opt\"\"\",step,train_loss\r\n,1e-07,0,\r\n0,,0,"))
    let curve = try ReaderRegistry.read(
      LogInput(path: "metrics.csv", bytes: bytes), options: ReadOptions()
    ).curve
    #expect(curve.provenance.learningRateName == "lr-My,\"Opt\"")
    expectSameBits(curve.learningRates, RoundTripTests.learningRates)
  }

  @Test func aRecordWithSeriesOfDifferentLengthsIsRefused() {
    let record = RangeTestRecord(
      style: .fastai, taskName: "broken", seed: 1, groupLearningRates: [[1e-3, 1e-2, 1e-1]],
      loggedGroup: 0, rawLosses: [2, 1], recordedLosses: [2, 1, 3], stoppedEarly: false)
    let error = #expect(throws: LRLensError.self) {
      try RunExporter().bytes(for: record, as: .csv)
    }
    #expect(error?.kind == .internalFailure)
    #expect(
      error?.description == """
        <memory>: error: the range-test record has 3 recorded losses but 2 raw losses
          fix: report this as a bug in lrlens (the trainer built an inconsistent record)
        """)
  }

  // MARK: - Atomic writing

  @Test(arguments: ExportFormat.allCases)
  func aMissingFolderIsAnErrorAndLeavesNothing(_ format: ExportFormat) throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/missing/run.\(format.fileExtension)"
    let error = #expect(throws: LRLensError.self) {
      try RunExporter().export(RoundTripTests.record(.fastai), as: format, to: path)
    }
    #expect(error?.kind == .cannotCreateOutput)
    #expect(error?.location.path == path)
    #expect(
      error?.problem
        == "cannot create a file in '\(folder.path)/missing': No such file or directory")
    #expect(
      error?.fix
        == "create the folder '\(folder.path)/missing' first, or choose another output path")
    #expect(try folder.contents() == [])
  }

  @Test func anExistingFileIsReplacedWhole() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/run.json"
    try Array(repeating: UInt8(ascii: "x"), count: 100_000).withUnsafeBytes {
      try Data($0).write(to: URL(fileURLWithPath: path))
    }
    let record = RoundTripTests.record(.torchLRFinder)
    try RunExporter().export(record, as: .json, to: path)
    let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    #expect(written == (try RunExporter().bytes(for: record, as: .json)))
    #expect(try folder.contents() == ["run.json"])
  }

  @Test func aFolderInTheWayIsLeftAsItWasWithNoTemporaryFile() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/run.h5"
    try FileManager.default.createDirectory(
      atPath: path + "/inside", withIntermediateDirectories: true)
    let error = #expect(throws: LRLensError.self) {
      try RunExporter().export(RoundTripTests.record(.fastai), as: .pandasHDF5, to: path)
    }
    #expect(error?.kind == .cannotCreateOutput)
    #expect(error?.problem.hasPrefix("cannot replace the file: ") == true)
    #expect(try folder.contents() == ["run.h5"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["inside"])
  }

  @Test func aPathEndingInASlashIsRefused() throws {
    let folder = try TemporaryFolder()
    let error = #expect(throws: LRLensError.self) {
      try RunExporter().export(RoundTripTests.record(.fastai), as: .csv, to: folder.path + "/")
    }
    #expect(error?.kind == .cannotCreateOutput)
    #expect(error?.problem == "expected a file name, found a folder path")
    #expect(try folder.contents() == [])
  }

  /// A record of a style holding a fixture's learning rates and losses, as the readers read
  /// them (exactly: they parse Python's float text as Python does).
  static func record(readFrom file: String, style: FinderStyle) throws -> RangeTestRecord {
    let input = LogInput(path: file, bytes: Fixtures.bytes(file))
    let curve = try ReaderRegistry.read(input, options: ReadOptions()).curve
    return RangeTestRecord(
      style: style, taskName: file, seed: 0, groupLearningRates: [curve.learningRates],
      loggedGroup: 0, rawLosses: curve.losses, recordedLosses: curve.losses, stoppedEarly: true)
  }

  /// A log line without its timestamp and its measured speed.
  private static func withSixDecimalLearningRate(_ line: String) -> String {
    guard let range = line.range(of: "\tlr="), let value = Double(line[range.upperBound...])
    else { return line }
    return line[..<range.upperBound] + PrintfFormat.fixed(value)
  }

  private static func withoutTimeAndSpeed(_ line: Substring) -> String {
    var fields = line.dropFirst("2026-01-01 00:00:00,000 ".count).split(
      separator: "\t", omittingEmptySubsequences: false)
    if fields.count > 1, fields[1].hasPrefix("Speed: ") { fields.remove(at: 1) }
    return fields.joined(separator: "\t")
  }
}
