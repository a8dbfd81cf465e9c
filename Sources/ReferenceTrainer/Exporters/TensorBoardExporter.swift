internal import LRLensCore

/// Writes a TensorBoard event file (``ExportFormat/tensorboard``), as the framework's logger
/// writes one for the same scalars.
///
/// The file is a sequence of TFRecords: the data's length (`uint64`, little-endian), the
/// masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data (see
/// ``CRC32C``). Each record is an `Event`: `wall_time` (field 1, double), `step` (field 2,
/// int64, left out when 0 as proto3 does) and either `file_version` (field 3) for the first
/// event, `brain.Event:2`, or a `summary` (field 5) holding one `value` (field 1) with its
/// `tag` (field 1). Every scalar is its own event, as `SummaryWriter.add_scalar` writes.
///
/// Per style, at each batch `step`:
/// - fastai (`TensorBoardCallback`): `train_loss`, then `lr_0`, `lr_1`, … per parameter group;
/// - Lightning: the `LearningRateMonitor`'s `lr-SGD` (`lr-SGD/pg1`, … for several groups),
///   then `train_loss`;
/// - torch-lr-finder, Ignite, MXNet: `lr`, then `loss`;
///
/// each a `simple_value` float (field 2), the float32 PyTorch's and tensorboardX's
/// `add_scalar` store. Keras logs `batch_loss` then `batch_learning_rate`, as its `TensorBoard`
/// callback names batch-level scalars, each as TF2's `tf.summary.scalar` writes it: a `tensor`
/// (field 8) of dtype `DT_FLOAT`, an empty shape and 4 bytes of `tensor_content`, with the
/// `scalars` plugin in its `metadata` (field 9).
///
/// Wall times are fixed, as in the reference event files: 1.7e9 s for `file_version`, then
/// 1.7e9 + 0.25·step. Byte for byte, a scalar event equals tensorboardX 2.6's.
struct TensorBoardExporter: Exporter {
  /// The wall time of the first event, in seconds since 1970.
  static let startWallTime = 1_700_000_000.0
  /// The seconds between two steps' wall times.
  static let stepSeconds = 0.25

  /// The optimizer's class name, which Lightning's monitor puts in its tags.
  var optimizerName: String

  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8] {
    var version = ProtobufWriter()
    version.appendDouble(field: 1, Self.startWallTime)
    version.appendString(field: 3, "brain.Event:2")
    var output = Self.record(version.bytes)
    for step in record.recordedLosses.indices {
      for (tag, value) in scalars(of: record, at: step) {
        output += Self.record(Self.event(step: step, tag: tag, value: value, style: record.style))
      }
    }
    return output
  }

  /// The tags and values logged at one step, in logging order.
  private func scalars(of record: RangeTestRecord, at step: Int) -> [(String, Double)] {
    let loss = record.recordedLosses[step]
    let groups = record.exportedGroupLearningRates
    switch record.style {
    case .fastai:
      return [("train_loss", loss)] + groups.indices.map { ("lr_\($0)", groups[$0][step]) }
    case .lightning:
      let rates =
        groups.count == 1
        ? [("lr-\(optimizerName)", groups[0][step])]
        : groups.indices.map { ("lr-\(optimizerName)/pg\($0 + 1)", groups[$0][step]) }
      return rates + [("train_loss", loss)]
    case .torchLRFinder, .ignite, .mxnet:
      return [("lr", record.learningRates[step]), ("loss", loss)]
    case .keras:
      return [("batch_loss", loss), ("batch_learning_rate", record.learningRates[step])]
    }
  }

  /// One scalar's `Event`.
  private static func event(step: Int, tag: String, value: Double, style: FinderStyle)
    -> [UInt8]
  {
    var summaryValue = ProtobufWriter()
    summaryValue.appendString(field: 1, tag)
    if style == .keras {
      // TensorProto: dtype DT_FLOAT (1), an empty TensorShapeProto, the float's bytes.
      var tensor = ProtobufWriter()
      tensor.appendVarint(field: 1, 1)
      tensor.appendBytes(field: 2, [])
      withUnsafeBytes(of: Float(value).bitPattern.littleEndian) {
        tensor.appendBytes(field: 4, Array($0))
      }
      summaryValue.appendBytes(field: 8, tensor.bytes)
      // SummaryMetadata { plugin_data { plugin_name: "scalars" } }.
      var pluginData = ProtobufWriter()
      pluginData.appendString(field: 1, "scalars")
      var metadata = ProtobufWriter()
      metadata.appendBytes(field: 1, pluginData.bytes)
      summaryValue.appendBytes(field: 9, metadata.bytes)
    } else {
      summaryValue.appendFloat(field: 2, Float(value))
    }
    var summary = ProtobufWriter()
    summary.appendBytes(field: 1, summaryValue.bytes)
    var event = ProtobufWriter()
    event.appendDouble(field: 1, startWallTime + stepSeconds * Double(step))
    if step != 0 { event.appendVarint(field: 2, UInt64(step)) }
    event.appendBytes(field: 5, summary.bytes)
    return event.bytes
  }

  /// One TFRecord: length, its masked checksum, the data, the data's masked checksum.
  private static func record(_ data: [UInt8]) -> [UInt8] {
    var output: [UInt8] = []
    withUnsafeBytes(of: UInt64(data.count).littleEndian) { output += $0 }
    withUnsafeBytes(of: CRC32C.maskedChecksum(output[...]).littleEndian) { output += $0 }
    output += data
    withUnsafeBytes(of: CRC32C.maskedChecksum(data[...]).littleEndian) { output += $0 }
    return output
  }
}
