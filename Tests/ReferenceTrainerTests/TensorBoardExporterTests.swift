import LRLensCore
import LRLensTestSupport
import ReferenceTrainer
import Testing

/// The TensorBoard exporter writes the same events, byte for byte, as the real writers.
@Suite struct TensorBoardExporterTests {
  @Test func fastaiEventsEqualTensorboardXs() throws {
    // The fixture logs fastai's hyper-parameters too (wd, sqr_mom, mom, eps per group); the
    // trainer logs only the loss and the learning rates, so those events are compared.
    let recorder = try RunExporterTests.record(
      readFrom: "runs/fastai_mlp_digits/recorder.json", style: .fastai)
    var record = recorder
    record.groupLearningRates = [recorder.learningRates.map { $0 / 10 }, recorder.learningRates]
    record.loggedGroup = 1
    let ours = try Self.records(RunExporter().bytes(for: record, as: .tensorboard))
    let real = try Self.records(Fixtures.bytes("tensorboard/fastai_mlp_digits.tfevents"))
    let kept = real.filter {
      Self.tag(of: $0).map { ["train_loss", "lr_0", "lr_1"].contains($0) } ?? true
    }
    #expect(ours.count == 1 + 3 * 86)
    #expect(ours == kept)
  }

  @Test func lightningEventsEqualTensorboardXs() throws {
    let record = try RunExporterTests.record(
      readFrom: "runs/lightning_exp_mlp_digits/results.json", style: .lightning)
    let ours = try Self.records(
      RunExporter(optimizerName: "Adam").bytes(for: record, as: .tensorboard))
    let real = try Self.records(Fixtures.bytes("tensorboard/lightning_exp_mlp_digits.tfevents"))
    let kept = real.filter {
      Self.tag(of: $0).map { ["lr-Adam", "train_loss"].contains($0) } ?? true
    }
    #expect(ours.count == 1 + 2 * 100)
    #expect(ours == kept)
  }

  @Test func kerasEventsEqualTF2TensorEvents() throws {
    // The fixture logs an epoch-wise sweep as `epoch_loss` and `epoch_learning_rate` after a
    // text summary; the trainer's Keras finder logs batches as `batch_loss` and
    // `batch_learning_rate`, names of the same lengths, so only the tags' bytes differ.
    let record = try RunExporterTests.record(
      readFrom: "runs/keras-epochwise_lrscheduler_mlp_breast_cancer_adam/history.json",
      style: .keras)
    let ours = try Self.records(RunExporter().bytes(for: record, as: .tensorboard))
    let real = try Self.records(
      Fixtures.bytes("tensorboard/keras_epochwise_breast_cancer.tfevents"))
    let renamed = ours.dropFirst().map { event in
      Self.replacing("batch_", with: "epoch_", in: event)
    }
    #expect(renamed.count == 2 * 61)
    #expect(renamed == Array(real.dropFirst(2)))
  }

  /// An event with every occurrence of a byte string replaced by another of the same length.
  static func replacing(_ old: String, with new: String, in event: [UInt8]) -> [UInt8] {
    let (old, new) = (Array(old.utf8), Array(new.utf8))
    var event = event
    var index = 0
    while index + old.count <= event.count {
      if event[index..<(index + old.count)].elementsEqual(old) {
        event.replaceSubrange(index..<(index + old.count), with: new)
        index += old.count
      } else {
        index += 1
      }
    }
    return event
  }

  /// The data of each TFRecord (with its framing), checking every checksum.
  static func records(_ bytes: [UInt8]) throws -> [[UInt8]] {
    var records: [[UInt8]] = []
    var offset = 0
    while offset < bytes.count {
      let length = Int(littleEndian(bytes, offset, 8))
      try #require(offset + 16 + length <= bytes.count)
      try #require(
        CRC32C.maskedChecksum(bytes[offset..<(offset + 8)])
          == UInt32(littleEndian(bytes, offset + 8, 4)))
      let data = Array(bytes[(offset + 12)..<(offset + 12 + length)])
      try #require(
        CRC32C.maskedChecksum(data[...]) == UInt32(littleEndian(bytes, offset + 12 + length, 4)))
      records.append(data)
      offset += 16 + length
    }
    return records
  }

  /// The tag of a one-value summary event (`wall_time`, optional `step`, `summary`), or `nil`
  /// for another event.
  static func tag(of event: [UInt8]) -> String? {
    var index = 9  // wall_time: key 0x09 and 8 bytes
    guard event.count > index else { return nil }
    if event[index] == 0x10 {
      index += 1
      while index < event.count, event[index] & 0x80 != 0 { index += 1 }
      index += 1
    }
    // summary (0x2A, length), value (0x0A, length), tag (0x0A, length, bytes); lengths < 128.
    guard index + 6 <= event.count, event[index] == 0x2A, event[index + 2] == 0x0A,
      event[index + 4] == 0x0A
    else { return nil }
    let length = Int(event[index + 5])
    let start = index + 6
    guard start + length <= event.count else { return nil }
    return String(decoding: event[start..<(start + length)], as: UTF8.self)
  }

  /// An unsigned little-endian integer of `size` bytes.
  private static func littleEndian(_ bytes: [UInt8], _ offset: Int, _ size: Int) -> UInt64 {
    (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
  }
}
