import Foundation
import LRLensCore
import LRLensReaders
import LRLensTestSupport
import Testing

/// Builds TensorBoard event files: TFRecord framing around `Event` messages.
enum EventFile {
  /// One scalar as a `Summary.Value`.
  enum Scalar {
    case simple(Float)
    case tensorContent(Float)
    case floatVal(Float, packed: Bool)
    case doubleVal(Double, packed: Bool)
    case doubleContent(Double)
  }

  static func record(_ data: [UInt8]) -> [UInt8] {
    let length = Wire.littleEndian(UInt64(data.count))
    return length + Wire.littleEndian(CRC32C.maskedChecksum(length[...]))
      + data + Wire.littleEndian(CRC32C.maskedChecksum(data[...]))
  }

  static func value(_ tag: String, _ scalar: Scalar) -> [UInt8] {
    let scalarShape = Wire.bytesField(2, [])
    let payload: [UInt8]
    switch scalar {
    case .simple(let value):
      payload = Wire.fixed32Field(2, value.bitPattern)
    case .tensorContent(let value):
      payload = Wire.bytesField(
        8,
        Wire.varintField(1, 1) + scalarShape
          + Wire.bytesField(4, Wire.littleEndian(value.bitPattern)))
    case .floatVal(let value, let packed):
      let field =
        packed
        ? Wire.bytesField(5, Wire.littleEndian(value.bitPattern))
        : Wire.fixed32Field(5, value.bitPattern)
      payload = Wire.bytesField(8, Wire.varintField(1, 1) + scalarShape + field)
    case .doubleVal(let value, let packed):
      let field =
        packed
        ? Wire.bytesField(6, Wire.littleEndian(value.bitPattern))
        : Wire.fixed64Field(6, value.bitPattern)
      payload = Wire.bytesField(8, Wire.varintField(1, 2) + field)
    case .doubleContent(let value):
      let oneByOne = Wire.bytesField(2, Wire.bytesField(2, Wire.varintField(1, 1)))
      payload = Wire.bytesField(
        8,
        Wire.varintField(1, 2) + oneByOne + Wire.bytesField(4, Wire.littleEndian(value.bitPattern)))
    }
    return Wire.stringField(1, tag) + payload
  }

  static func event(step: Int64, values: [[UInt8]]) -> [UInt8] {
    let summary = values.flatMap { Wire.bytesField(1, $0) }
    return Wire.fixed64Field(1, (1.7e9 + Double(step)).bitPattern)
      + Wire.varintField(2, UInt64(bitPattern: step)) + Wire.bytesField(5, summary)
  }

  static let header = record(
    Wire.fixed64Field(1, 1.7e9.bitPattern) + Wire.stringField(3, "brain.Event:2"))

  /// A file of one event per (tag, step, value), tags in the order given at each step.
  static func file(_ series: [(tag: String, points: [(step: Int64, value: Float)])]) -> [UInt8] {
    var events: [(Int64, Int, [UInt8])] = []
    for (order, (tag, points)) in series.enumerated() {
      for point in points {
        events.append(
          (point.step, order, event(step: point.step, values: [value(tag, .simple(point.value))])))
      }
    }
    events.sort { ($0.0, $0.1) < ($1.0, $1.1) }
    return header + events.flatMap { record($0.2) }
  }

  /// A file where every tag has a value at steps 0 to `count - 1`: learning rates grow from
  /// 1e-3, losses from 2.
  static func file(tags: [String], count: Int = 4) -> [UInt8] {
    file(
      tags.map { tag in
        (tag, (0..<count).map { (Int64($0), Float(0.001) * Float($0 + 1)) })
      })
  }
}

/// A reference event file and what it must give.
struct EventFixture: CustomTestStringConvertible, Sendable {
  var file: String
  var learningRateName: String
  var lossName: String
  var count: Int
  var framework: Framework
  var groups: [String] = []
  var inventory: [SeriesSummary]
  var diagnostics: [String] = []

  var testDescription: String { file }
}

/// Tags in a file and the tags that must be chosen.
struct TagCase: CustomTestStringConvertible, Sendable {
  var name: String
  var tags: [String]
  var options = ReadOptions()
  var learningRate: String
  var loss: String
  var groups: [String] = []
  var notes: [String] = []

  var testDescription: String { name }
}

@Suite struct TensorBoardReaderTests {
  static let reader = TensorBoardReader()

  static func read(_ relativePath: String, options: ReadOptions = ReadOptions())
    throws(LRLensError) -> ReadResult
  {
    try reader.read(
      LogInput(path: relativePath, bytes: Fixtures.bytes(relativePath)), options: options)
  }

  /// A reference run's series, as the JSON export holds them.
  static func reference(_ path: String, _ key: String) -> [Double] {
    let data = Data(Fixtures.bytes(path))
    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    return (object?[key] as? [NSNumber])?.map(\.doubleValue) ?? []
  }

  /// Values as a float32 `simple_value` or tensor stores them.
  static func float32(_ values: [Double]) -> [Double] {
    values.map { Double(Float($0)) }
  }

  static func simple(_ name: String, _ count: Int, role: SeriesSummary.Role? = nil)
    -> SeriesSummary
  {
    SeriesSummary(
      name: name, count: count, valueType: "simple_value float32", role: role, nonFiniteCount: 0)
  }

  static let fastaiHyperparameters = ["wd_0", "sqr_mom_0", "mom_0", "eps_0"]

  static let fixtures = [
    EventFixture(
      file: "tensorboard/fastai_mlp_digits.tfevents", learningRateName: "lr_1",
      lossName: "train_loss", count: 86, framework: .fastai, groups: ["lr_0", "lr_1"],
      inventory: [simple("train_loss", 86, role: .loss)]
        + fastaiHyperparameters.map { simple($0, 86) } + [simple("lr_0", 86, role: .parameterGroup)]
        + fastaiHyperparameters.map { simple($0.dropLast() + "1", 86) }
        + [simple("lr_1", 86, role: .learningRate)],
      diagnostics: [
        "tensorboard/fastai_mlp_digits.tfevents (tag 'lr_1'): note: 2 parameter groups; "
          + "analysing the last, 'lr_1'"
      ]),
    EventFixture(
      file: "tensorboard/lightning_exp_mlp_digits.tfevents", learningRateName: "lr-Adam",
      lossName: "train_loss", count: 100, framework: .lightning,
      inventory: [
        simple("lr-Adam", 100, role: .learningRate), simple("lr-Adam-momentum", 100),
        simple("train_loss", 100, role: .loss), simple("val_loss", 2), simple("epoch", 2),
      ]),
    EventFixture(
      file: "tensorboard/keras_epochwise_breast_cancer.tfevents",
      learningRateName: "epoch_learning_rate", lossName: "epoch_loss", count: 61,
      framework: .keras,
      inventory: [
        SeriesSummary(
          name: "epoch_loss", count: 61, valueType: "tensor float32", role: .loss,
          nonFiniteCount: 0),
        SeriesSummary(
          name: "epoch_learning_rate", count: 61, valueType: "tensor float32",
          role: .learningRate, nonFiniteCount: 0),
      ]),
    EventFixture(
      file: "tensorboard/gaps.tfevents", learningRateName: "train/lr", lossName: "train/loss",
      count: 17, framework: .unknown,
      inventory: [
        SeriesSummary(
          name: "train/lr", count: 19, valueType: "tensor float64", role: .learningRate,
          nonFiniteCount: 0),
        SeriesSummary(
          name: "train/loss", count: 18, valueType: "tensor float64", role: .loss,
          nonFiniteCount: 0),
        SeriesSummary(name: "valid/loss", count: 2, valueType: "tensor float64", nonFiniteCount: 0),
      ],
      diagnostics: [
        "tensorboard/gaps.tfevents (tag 'train/loss'): note: 1 step has several values; the "
          + "last written is kept, as TensorBoard does",
        "tensorboard/gaps.tfevents (tag 'train/lr'): warning: 2 of its 19 steps are missing "
          + "from tag 'train/loss' and are dropped (steps 3, 7)",
        "tensorboard/gaps.tfevents (tag 'train/loss'): warning: 1 of its 18 steps are missing "
          + "from tag 'train/lr' and are dropped (steps 12)",
      ]),
  ]

  @Test(arguments: fixtures)
  func readsReferenceFile(_ fixture: EventFixture) throws {
    let result = try Self.read(fixture.file)
    let curve = result.curve
    #expect(curve.count == fixture.count)
    #expect(curve.provenance.format == .tensorboard)
    #expect(curve.provenance.learningRateName == fixture.learningRateName)
    #expect(curve.provenance.lossName == fixture.lossName)
    #expect(curve.provenance.framework == fixture.framework)
    #expect(curve.parameterGroups.map(\.name) == fixture.groups)
    #expect(result.inventory == fixture.inventory)
    #expect(result.diagnostics.map(\.description) == fixture.diagnostics)
    #expect(TensorBoardReader.recognizes(LogInput(path: "", bytes: Fixtures.bytes(fixture.file))))
  }

  @Test func fastaiRunHasTheRecorderValuesAsFloat32() throws {
    let curve = try Self.read("tensorboard/fastai_mlp_digits.tfevents").curve
    let recorder = "runs/fastai_mlp_digits/recorder.json"
    let learningRates = Self.reference(recorder, "lrs")
    #expect(learningRates.count == 86)
    #expect(curve.learningRates == Self.float32(learningRates))
    #expect(curve.losses == Self.float32(Self.reference(recorder, "losses")))
    #expect(
      curve.parameterGroups.first?.learningRates == Self.float32(learningRates.map { $0 / 10 }))
    #expect(curve.parameterGroups.last?.learningRates == curve.learningRates)
  }

  @Test func lightningRunHasTheResultsAsFloat32() throws {
    let curve = try Self.read("tensorboard/lightning_exp_mlp_digits.tfevents").curve
    let results = "runs/lightning_exp_mlp_digits/results.json"
    #expect(curve.learningRates == Self.float32(Self.reference(results, "lr")))
    #expect(curve.losses == Self.float32(Self.reference(results, "loss")))
  }

  @Test func kerasRunHasTheHistoryAsFloat32() throws {
    let curve = try Self.read("tensorboard/keras_epochwise_breast_cancer.tfevents").curve
    let history = "runs/keras-epochwise_lrscheduler_mlp_breast_cancer_adam/history.json"
    #expect(curve.learningRates == Self.float32(Self.reference(history, "learning_rate")))
    #expect(curve.losses == Self.float32(Self.reference(history, "loss")))
  }

  @Test func gapsAreJoinedOnSteps() throws {
    let curve = try Self.read("tensorboard/gaps.tfevents").curve
    let steps = (0..<20).filter { ![3, 7, 12].contains($0) }
    #expect(curve.learningRates == steps.map { 1e-4 * pow(2, Double($0)) })
    #expect(curve.losses == steps.map { $0 == 5 ? 1.5 : 2 - 0.0625 * Double($0) })
  }

  // MARK: Scalar encodings

  @Test func readsEveryScalarEncoding() throws {
    let encodings: [EventFile.Scalar] = [
      .simple(0.5), .tensorContent(0.5), .floatVal(0.5, packed: true),
      .floatVal(0.5, packed: false), .doubleVal(0.5, packed: true),
      .doubleVal(0.5, packed: false), .doubleContent(0.5),
    ]
    for (index, encoding) in encodings.enumerated() {
      var bytes = EventFile.header
      for step in 0..<3 {
        let lr = Float(1e-3) * Float(step + 1)
        bytes += EventFile.record(
          EventFile.event(
            step: Int64(step),
            values: [EventFile.value("lr", .simple(lr)), EventFile.value("loss", encoding)]))
      }
      let result = try Self.reader.read(
        LogInput(path: "e.tfevents", bytes: bytes), options: ReadOptions())
      #expect(result.curve.losses == [0.5, 0.5, 0.5], "encoding \(index)")
    }
  }

  @Test func ignoresTensorsThatAreNotOneFloat() throws {
    let vector = Wire.bytesField(
      8,
      Wire.varintField(1, 1) + Wire.bytesField(2, Wire.bytesField(2, Wire.varintField(1, 2)))
        + Wire.bytesField(
          5, Wire.littleEndian(Float(1).bitPattern) + Wire.littleEndian(Float(2).bitPattern)))
    let integer = Wire.bytesField(8, Wire.varintField(1, 9) + Wire.bytesField(10, [1]))
    let text = Wire.bytesField(8, Wire.varintField(1, 7) + Wire.bytesField(8, Array("hi".utf8)))
    let image = Wire.bytesField(4, [])
    var bytes = EventFile.file(tags: ["lr", "loss"])
    bytes += EventFile.record(
      EventFile.event(
        step: 0,
        values: [
          Wire.stringField(1, "vector") + vector, Wire.stringField(1, "count") + integer,
          Wire.stringField(1, "text") + text, Wire.stringField(1, "image") + image,
          Wire.stringField(1, "lr") + Wire.fixed32Field(2, Float(9).bitPattern) + image,
        ]))
    let result = try Self.reader.read(
      LogInput(path: "e.tfevents", bytes: bytes), options: ReadOptions())
    #expect(result.inventory.map(\.name) == ["lr", "loss"])
    #expect(result.curve.learningRates == [0.001, 0.002, 0.003, 0.004].map { Double(Float($0)) })
  }

  // MARK: Choosing tags

  static let tagCases = [
    TagCase(
      name: "fastai groups", tags: ["train_loss", "mom_0", "lr_0", "mom_1", "lr_1"],
      learningRate: "lr_1", loss: "train_loss", groups: ["lr_0", "lr_1"],
      notes: ["e.tfevents (tag 'lr_1'): note: 2 parameter groups; analysing the last, 'lr_1'"]),
    TagCase(
      name: "Lightning groups", tags: ["lr-Adam", "lr-Adam/pg1", "train_loss", "val_loss"],
      learningRate: "lr-Adam/pg1", loss: "train_loss", groups: ["lr-Adam", "lr-Adam/pg1"],
      notes: [
        "e.tfevents (tag 'lr-Adam/pg1'): note: 2 parameter groups; analysing the last, "
          + "'lr-Adam/pg1'"
      ]),
    TagCase(
      name: "Lightning momentum and weight decay",
      tags: ["lr-SGD-momentum", "lr-SGD-weight_decay", "lr-SGD", "train_loss"],
      learningRate: "lr-SGD", loss: "train_loss"),
    TagCase(
      name: "Keras epochs", tags: ["epoch_loss", "epoch_learning_rate"],
      learningRate: "epoch_learning_rate", loss: "epoch_loss"),
    TagCase(
      name: "Keras batches beside epochs",
      tags: ["batch_loss", "batch_learning_rate", "epoch_loss", "epoch_learning_rate"],
      learningRate: "batch_learning_rate", loss: "batch_loss",
      notes: [
        "e.tfevents: note: several learning-rate tags: 'batch_learning_rate', "
          + "'epoch_learning_rate'; reading 'batch_learning_rate'; pick another with --lr-tag",
        "e.tfevents: note: several loss tags: 'batch_loss', 'epoch_loss'; reading "
          + "'batch_loss'; pick another with --loss-tag",
      ]),
    TagCase(
      name: "batch losses with epoch learning rates",
      tags: ["batch_loss", "epoch_loss", "epoch_learning_rate"],
      learningRate: "epoch_learning_rate", loss: "epoch_loss",
      notes: [
        "e.tfevents: note: several loss tags: 'batch_loss', 'epoch_loss'; reading "
          + "'epoch_loss'; pick another with --loss-tag"
      ]),
    TagCase(
      name: "slashes and validation", tags: ["valid/loss", "train/lr", "test_loss", "train/loss"],
      learningRate: "train/lr", loss: "train/loss"),
    TagCase(
      name: "loss priority", tags: ["loss", "smooth_loss", "train_loss", "lr"],
      learningRate: "lr", loss: "loss",
      notes: [
        "e.tfevents: note: several loss tags: 'loss', 'train_loss', 'smooth_loss'; reading "
          + "'loss'; pick another with --loss-tag"
      ]),
    TagCase(
      name: "learning_rate and validation loss",
      tags: ["loss/validation", "learning_rate", "loss"],
      learningRate: "learning_rate", loss: "loss"),
    TagCase(
      name: "chosen tags", tags: ["lr_0", "lr_1", "a", "b"],
      options: ReadOptions(learningRateTag: "lr_0", lossTag: "b"), learningRate: "lr_0",
      loss: "b"),
    TagCase(
      name: "chosen learning rate, guessed loss", tags: ["x", "loss", "val_loss"],
      options: ReadOptions(learningRateTag: "x"), learningRate: "x", loss: "loss"),
    TagCase(
      name: "chosen loss, guessed family", tags: ["lr_0", "lr_1", "y"],
      options: ReadOptions(lossTag: "y"), learningRate: "lr_1", loss: "y",
      groups: ["lr_0", "lr_1"],
      notes: ["e.tfevents (tag 'lr_1'): note: 2 parameter groups; analysing the last, 'lr_1'"]),
  ]

  @Test(arguments: tagCases)
  func choosesTags(_ tagCase: TagCase) throws {
    let bytes = EventFile.file(tags: tagCase.tags)
    let result = try Self.reader.read(
      LogInput(path: "e.tfevents", bytes: bytes), options: tagCase.options)
    #expect(result.curve.provenance.learningRateName == tagCase.learningRate)
    #expect(result.curve.provenance.lossName == tagCase.loss)
    #expect(result.curve.parameterGroups.map(\.name) == tagCase.groups)
    #expect(result.diagnostics.map(\.description) == tagCase.notes)
  }

  @Test func keepsTheLastValueAtAStepAndSortsSteps() throws {
    let bytes = EventFile.file([
      ("lr", [(2, 0.3), (0, 0.1), (1, 0.2), (1, 0.25)]),
      ("loss", [(0, 1), (1, 2), (2, 3)]),
    ])
    let result = try Self.reader.read(
      LogInput(path: "e.tfevents", bytes: bytes), options: ReadOptions())
    #expect(result.curve.learningRates == [0.1, 0.25, 0.3].map { Double(Float($0)) })
    #expect(result.curve.losses == [1, 2, 3])
    #expect(
      result.diagnostics.map(\.description) == [
        "e.tfevents (tag 'lr'): note: 1 step has several values; the last written is kept, as "
          + "TensorBoard does"
      ])
  }

  @Test func aGroupMissingAStepGetsNaN() throws {
    let points: [(step: Int64, value: Float)] = [(0, 0.1), (1, 0.2), (2, 0.3)]
    let bytes = EventFile.file([
      ("lr_0", [(0, 0.01), (2, 0.03)]), ("lr_1", points), ("loss", points),
    ])
    let result = try Self.reader.read(
      LogInput(path: "e.tfevents", bytes: bytes), options: ReadOptions())
    let first = result.curve.parameterGroups.first?.learningRates ?? []
    #expect(first.count == 3 && first[1].isNaN)
    #expect(
      result.diagnostics.map(\.description) == [
        "e.tfevents (tag 'lr_1'): note: 2 parameter groups; analysing the last, 'lr_1'",
        "e.tfevents (tag 'lr_0'): warning: 1 of the curve's 3 steps are missing; the group's "
          + "learning rate there is NaN (steps 1)",
      ])
  }

  @Test func warnsThatColumnOptionsAreIgnored() throws {
    let bytes = EventFile.file(tags: ["lr", "loss"])
    let result = try Self.reader.read(
      LogInput(path: "e.tfevents", bytes: bytes), options: ReadOptions(learningRateColumn: "lr"))
    #expect(
      result.diagnostics.map(\.description) == [
        "e.tfevents: warning: --lr-column and --loss-column are ignored for TensorBoard event "
          + "files: use --lr-tag and --loss-tag"
      ])
  }

  // MARK: Errors

  static let gaps = Fixtures.bytes("tensorboard/gaps.tfevents")

  static func flipped(_ bytes: [UInt8], at offset: Int) -> [UInt8] {
    var bytes = bytes
    if bytes.indices.contains(offset) { bytes[offset] ^= 0x01 }
    return bytes
  }

  /// A `Summary.Value` holding a (string) tensor, not a scalar.
  static let textValue = Wire.stringField(1, "keras") + Wire.bytesField(8, [])

  static let failures: [ReadFailure] = [
    ReadFailure(
      "empty file", bytes: [],
      message: """
        run.tfevents: error: the file is empty: expected a TensorBoard event file
          fix: check the path (event files are named events.out.tfevents.*)
        """),
    ReadFailure(
      "garbage", "lr,loss\n0.001,2.5\n0.01,2.25\n",
      message: """
        run.tfevents (record 0 at byte 0): error: expected a TensorBoard event file (TFRecord \
        framing), but the first record's length checksum does not match (stored 0x30302e30, \
        computed 0x7a93af83)
          fix: check that the file is an events.out.tfevents.* file, or pick its format with \
        --format
        """),
    ReadFailure(
      "shorter than a header", bytes: Array(gaps.prefix(5)),
      message: """
        run.tfevents (record 0 at byte 0): error: record 0 is cut short: expected a 12-byte \
        record header (length and checksum), found 5 bytes
          fix: the file is truncated after byte 5: the writer may still be running; re-run when \
        it has closed (no record before this one is complete)
        """),
    ReadFailure(
      "truncated in the length", bytes: Array(gaps.prefix(205)),
      message: """
        run.tfevents (record 3 at byte 200): error: record 3 is cut short: expected a 12-byte \
        record header (length and checksum), found 5 bytes
          fix: the file is truncated after byte 205: the writer may still be running; re-run when \
        it has closed, or read the 3 records before it from a copy cut with 'head -c 200'
        """),
    ReadFailure(
      "truncated in the data", bytes: Array(gaps.prefix(230)),
      message: """
        run.tfevents (record 3 at byte 200): error: record 3 is cut short: expected 41 data \
        bytes and a 4-byte checksum after the record header, found 18 bytes
          fix: the file is truncated after byte 230: the writer may still be running; re-run when \
        it has closed, or read the 3 records before it from a copy cut with 'head -c 200'
        """),
    ReadFailure(
      "truncated in the data checksum", bytes: Array(gaps.prefix(100)),
      message: """
        run.tfevents (record 1 at byte 88): error: record 1 is cut short: expected 39 data bytes \
        and a 4-byte checksum after the record header, found 0 bytes
          fix: the file is truncated after byte 100: the writer may still be running; re-run when \
        it has closed, or read the record before it from a copy cut with 'head -c 88'
        """),
    ReadFailure(
      "bad data checksum", bytes: flipped(gaps, at: 220),
      message: """
        run.tfevents (record 3 at byte 200): error: record 3 is corrupt: the masked CRC-32C of \
        its 41 data bytes does not match (stored 0xa6dd82e8, computed 0xf487173a)
          fix: copy the event file again from where it was written, or read the 3 records before \
        it from a copy cut with 'head -c 200'
        """),
    ReadFailure(
      "bad length checksum", bytes: flipped(gaps, at: 201),
      message: """
        run.tfevents (record 3 at byte 200): error: record 3 is corrupt: the masked CRC-32C of \
        its length does not match (stored 0x005fff37, computed 0xa6d0af31)
          fix: copy the event file again from where it was written, or read the 3 records before \
        it from a copy cut with 'head -c 200'
        """),
    ReadFailure(
      "malformed event", bytes: EventFile.header + EventFile.record(Wire.key(2, 0) + [0x80]),
      message: """
        run.tfevents (record 1 at byte 40): error: expected a protocol buffers message, found a \
        varint cut short by the end of the message at byte 53
          fix: the checksums of record 1 match, so the program that wrote the file wrote a \
        malformed Event: check that program, or read the records before it from a copy cut with \
        'head -c 40'
        """),
    ReadFailure(
      "no scalar tag", bytes: EventFile.header,
      message: """
        run.tfevents: error: found no scalar tag in 1 record
          fix: read the event file of a run that logged scalars (each run folder of a logdir has \
        its own)
        """),
    ReadFailure(
      "only a text tag",
      bytes: EventFile.header + EventFile.record(EventFile.event(step: 0, values: [textValue])),
      message: """
        run.tfevents: error: found no scalar tag in 2 records (other tags: 'keras')
          fix: read the event file of a run that logged scalars (each run folder of a logdir has \
        its own)
        """),
    ReadFailure(
      "no learning-rate tag", bytes: EventFile.file(tags: ["train_loss", "val_loss", "mom_0"]),
      message: """
        run.tfevents: error: found no learning-rate tag among 'train_loss' (4 values), \
        'val_loss' (4 values), 'mom_0' (4 values)
          fix: name the learning-rate tag with --lr-tag
        """),
    ReadFailure(
      "no loss tag", bytes: EventFile.file(tags: ["lr_0", "val_loss", "accuracy"]),
      message: """
        run.tfevents: error: found no loss tag among 'lr_0' (4 values), 'val_loss' (4 values), \
        'accuracy' (4 values)
          fix: name the loss tag with --loss-tag
        """),
    ReadFailure(
      "unknown learning-rate tag", bytes: EventFile.file(tags: ["lr_0", "train_loss"]),
      options: ReadOptions(learningRateTag: "lr"),
      message: """
        run.tfevents: error: there is no scalar tag 'lr' (from --lr-tag)
          fix: pick one of 'lr_0' (4 values), 'train_loss' (4 values) with --lr-tag
        """),
    ReadFailure(
      "unknown loss tag", bytes: EventFile.file(tags: ["lr_0", "train_loss"]),
      options: ReadOptions(lossTag: "Loss"),
      message: """
        run.tfevents: error: there is no scalar tag 'Loss' (from --loss-tag)
          fix: pick one of 'lr_0' (4 values), 'train_loss' (4 values) with --loss-tag
        """),
    ReadFailure(
      "same tag twice", bytes: EventFile.file(tags: ["lr_0", "train_loss"]),
      options: ReadOptions(learningRateTag: "lr_0", lossTag: "lr_0"), kind: .usage,
      message: """
        run.tfevents: error: --lr-tag and --loss-tag both name tag 'lr_0'
          fix: name two different tags with --lr-tag and --loss-tag
        """),
    ReadFailure(
      "no shared steps",
      bytes: EventFile.file([("lr", [(0, 0.1), (1, 0.2), (2, 0.3)]), ("loss", [(2, 1), (3, 1)])]),
      message: """
        run.tfevents: error: a range test needs at least 3 points, but tags 'lr' and 'loss' \
        share 1 step (3 and 2 values)
          fix: pick tags logged at the same steps with --lr-tag and --loss-tag (found 'lr' (3 \
        values), 'loss' (2 values))
        """),
    ReadFailure(
      "zero learning rate",
      bytes: EventFile.file([
        ("lr", [(0, 0.1), (5, 0), (9, 0.3)]), ("loss", [(0, 1), (5, 1), (9, 1)]),
      ]),
      message: """
        run.tfevents (tag 'lr', step 5): error: expected a learning rate greater than 0 in tag \
        'lr', found '0.0'
          fix: pick another tag with --lr-tag
        """),
    ReadFailure(
      "only NaN losses",
      bytes: EventFile.file([
        ("lr", [(0, 0.1), (1, 0.2), (2, 0.3)]), ("loss", [(0, .nan), (1, .infinity), (2, .nan)]),
      ]),
      message: """
        run.tfevents (tag 'loss'): error: expected at least one finite loss in tag 'loss' at the \
        steps it shares with 'lr', found only NaN or infinity
          fix: pick another tag with --loss-tag
        """),
  ]

  @Test(arguments: failures)
  func refuses(_ failure: ReadFailure) {
    failure.expectFailure(of: Self.reader, path: "run.tfevents")
  }

  @Test func recognizesOnlyAMatchingFirstHeader() {
    #expect(TensorBoardReader.recognizes(LogInput(path: "", bytes: Self.gaps)))
    #expect(TensorBoardReader.recognizes(LogInput(path: "", bytes: Array(Self.gaps.prefix(12)))))
    #expect(!TensorBoardReader.recognizes(LogInput(path: "", bytes: Array(Self.gaps.prefix(11)))))
    #expect(
      !TensorBoardReader.recognizes(LogInput(path: "", bytes: Self.flipped(Self.gaps, at: 3))))
    #expect(!TensorBoardReader.recognizes(LogInput(path: "", bytes: Array("{\"lr\": [1]}".utf8))))
    #expect(!TensorBoardReader.recognizes(LogInput(path: "", bytes: [])))
  }

  @Test func corruptEventsWithValidChecksumsGiveErrorsNotTraps() throws {
    let seed: UInt64 = 0x7B_F022
    var random = SplitMix64(seed: seed)
    var scanner = TFRecordScanner(LogInput(path: "gaps.tfevents", bytes: Self.gaps))
    var records: [[UInt8]] = []
    while let record = try scanner.next() { records.append(Array(Self.gaps[record.data])) }
    var outcomes = (read: 0, refused: 0)
    for _ in 0..<300 {
      var mutated = records
      let index = Int(random.next() % UInt64(mutated.count))
      let count = mutated[index].count
      guard count > 0 else { continue }
      let position = Int(random.next() % UInt64(count))
      if random.next() % 2 == 0 {
        mutated[index][position] = UInt8(truncatingIfNeeded: random.next())
      } else {
        mutated[index].removeLast(count - position)
      }
      let bytes = mutated.flatMap(EventFile.record)
      do {
        _ = try Self.reader.read(LogInput(path: "e.tfevents", bytes: bytes), options: ReadOptions())
        outcomes.read += 1
      } catch {
        #expect(error.kind == .badData, "seed \(seed): \(error)")
        outcomes.refused += 1
      }
    }
    #expect(outcomes.read > 0 && outcomes.refused > 0, "seed \(seed)")
  }

  @Test func scannerVisitsEveryRecordOfAFixture() throws {
    var scanner = TFRecordScanner(LogInput(path: "gaps.tfevents", bytes: Self.gaps))
    var offsets: [Int] = []
    while let record = try scanner.next() {
      #expect(record.index == offsets.count)
      offsets.append(record.offset)
    }
    #expect(offsets.prefix(6) == [0, 88, 143, 200, 257, 316])
    #expect(offsets.count == 41)
  }
}
