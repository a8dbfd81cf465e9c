internal import LRLensCore

/// Writes a range-test record in one file format, as a whole file in memory.
///
/// Conformers end in `Exporter` and live one per format in `Exporters/`. They write exactly
/// the bytes the framework's own writer would for the same numbers; ``RunExporter`` checks
/// the record first and writes the file atomically.
protocol Exporter: Sendable {
  /// The whole file for a record.
  ///
  /// - Parameters:
  ///   - record: The record; its series all have one value per batch.
  ///   - path: The output path, for messages.
  /// - Returns: The file's bytes.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` when a library the format needs
  ///   fails (HDF5).
  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8]
}
