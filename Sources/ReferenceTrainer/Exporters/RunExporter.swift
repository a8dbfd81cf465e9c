package import LRLensCore
internal import LRLensIO

/// Writes range-test records in the formats the frameworks' users export, byte for byte.
///
/// Every format is built whole in memory (HDF5 files too, through HDF5's memory driver), then
/// written atomically: to a new temporary file in the destination's folder, renamed over the
/// destination once complete. A failed export leaves no temporary file behind and any existing
/// file untouched. The numbers are written as the framework would write the same float64
/// values (Python's `repr`, `%f`, float32 where the format stores float32); the output never
/// depends on the time, the machine or the locale.
package struct RunExporter: Sendable {
  /// The optimizer's class name in logger keys and tags (Lightning's `LearningRateMonitor`
  /// logs `lr-SGD`, `lr-Adam/pg1`, …).
  package var optimizerName: String

  /// Creates an exporter.
  ///
  /// - Parameter optimizerName: The optimizer's class name for Lightning's keys and tags.
  package init(optimizerName: String = "SGD") {
    self.optimizerName = optimizerName
  }

  /// The bytes of a record in a format.
  ///
  /// - Parameters:
  ///   - record: The record.
  ///   - format: The format.
  /// - Returns: The whole file.
  /// - Throws: `LRLensError` of kind `.internalFailure` when the record's series differ in
  ///   length, and of kind `.cannotCreateOutput` when HDF5 fails to build a file.
  package func bytes(for record: RangeTestRecord, as format: ExportFormat) throws(LRLensError)
    -> [UInt8]
  {
    try bytes(for: record, as: format, path: "<memory>")
  }

  /// Writes a record in a format to a file, atomically.
  ///
  /// - Parameters:
  ///   - record: The record.
  ///   - format: The format.
  ///   - path: The destination; its folder must exist. An existing file is replaced whole.
  /// - Throws: `LRLensError` naming `path`: of kind `.cannotCreateOutput` when the file
  ///   cannot be created (a missing or read-only folder, a folder at `path`) or HDF5 fails, of
  ///   kind `.ioFailure` when writing fails part-way (a full disk), of kind `.internalFailure`
  ///   when the record's series differ in length.
  package func export(_ record: RangeTestRecord, as format: ExportFormat, to path: String)
    throws(LRLensError)
  {
    try AtomicFile.write(bytes(for: record, as: format, path: path), to: path)
  }

  /// The bytes of a record in a format, with `path` in messages.
  private func bytes(for record: RangeTestRecord, as format: ExportFormat, path: String)
    throws(LRLensError) -> [UInt8]
  {
    try Self.checkLengths(of: record, path: path)
    return try exporter(for: format).bytes(for: record, path: path)
  }

  /// The exporter of a format.
  private func exporter(for format: ExportFormat) -> any Exporter {
    switch format {
    case .csv: CSVExporter()
    case .json: JSONExporter()
    case .kerasCSVLogger: KerasCSVLoggerExporter()
    case .lightningMetrics: LightningMetricsExporter(optimizerName: optimizerName)
    case .speedometer: SpeedometerExporter()
    case .hdf5: HDF5Exporter()
    case .pandasHDF5: PandasHDF5Exporter()
    case .tensorboard: TensorBoardExporter(optimizerName: optimizerName)
    }
  }

  /// Throws unless every series of the record has one value per recorded batch.
  private static func checkLengths(of record: RangeTestRecord, path: String)
    throws(LRLensError)
  {
    let count = record.recordedLosses.count
    let lengths =
      record.groupLearningRates.enumerated().map { ("learning rates of group \($0)", $1.count) }
      + [("raw losses", record.rawLosses.count)]
    for (name, length) in lengths where length != count {
      throw LRLensError(
        .internalFailure, at: InputLocation(path: path),
        problem: "the range-test record has \(count) recorded losses but \(length) \(name)",
        fix: "report this as a bug in lrlens (the trainer built an inconsistent record)")
    }
  }
}
