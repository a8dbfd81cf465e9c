public import LRLensCore

/// The readers lrlens has, by format, and the one entry point that reads any input.
public enum ReaderRegistry {
  /// Reads an input in the format the options force, or else in its detected format.
  ///
  /// Binary content that no reader recognises is refused before any reader sees it.
  ///
  /// - Parameters:
  ///   - input: The input.
  ///   - options: The forced format, column, dataset and tag choices made by the user.
  /// - Returns: The curve, the inventory of the input and the reader's diagnostics.
  /// - Throws: `LRLensError` of kind `.badData` when the input is malformed or holds no
  ///   usable learning-rate and loss series.
  public static func read(_ input: LogInput, options: ReadOptions) throws(LRLensError)
    -> ReadResult
  {
    try read(input, options: options, hdf5Reader: nil)
  }

  /// Reads an input as ``read(_:options:)`` does, with HDF5 files read by another reader (the
  /// sandboxed ``HDF5Helper``) instead of in this process.
  ///
  /// - Parameters:
  ///   - input: The input.
  ///   - options: The forced format, column, dataset and tag choices made by the user.
  ///   - hdf5Reader: The reader of HDF5 inputs, or `nil` for ``HDF5Reader`` in this process.
  /// - Returns: The curve, the inventory of the input and the reader's diagnostics.
  /// - Throws: `LRLensError`, as ``read(_:options:)``, and what `hdf5Reader` throws.
  package static func read(
    _ input: LogInput, options: ReadOptions, hdf5Reader: (any LogReader)?
  ) throws(LRLensError) -> ReadResult {
    if let format = options.format {
      return try read(input, as: format, options: options, hdf5Reader: hdf5Reader)
    }
    let candidates = FormatDetector.candidates(input)
    if candidates[0] == .csv || candidates[0] == .text,
      let offset = FormatDetector.firstBinaryByte(input.bytes)
    {
      throw LRLensError(
        .badData, at: InputLocation(path: input.path, detail: "byte \(offset)"),
        problem: """
          this looks like binary data (byte 0x\(String(input.bytes[offset], radix: 16)) at \
          offset \(offset)), not a format lrlens reads (CSV, JSON, HDF5, TensorBoard events, \
          text logs)
          """,
        fix: "check the path, or force a format with --format")
    }
    var firstError: LRLensError?
    for format in candidates {
      do {
        return try read(input, as: format, options: options, hdf5Reader: hdf5Reader)
      } catch {
        if firstError == nil { firstError = error }
      }
    }
    guard var error = firstError else {
      throw LRLensError(
        .internalFailure, at: InputLocation(path: input.path),
        problem: "no format was tried", fix: "report this bug")
    }
    if candidates.count > 1 {
      let others = candidates.dropFirst().map { describe($0) }.joined(separator: " or ")
      error.fix += """
        ; or, if this is \(others), force the format with --format \
        \(candidates.dropFirst().map(\.rawValue).joined(separator: "|"))
        """
    }
    throw error
  }

  /// Whether a reader's error says the input holds no learning-rate series at all: no
  /// learning-rate column, key or tag, no list in a JSON object, no `key=value` record in a
  /// text log, no scalar in an event file.
  ///
  /// - Parameter error: The error.
  /// - Returns: Whether the input is no learning-rate log.
  package static func meansNoLearningRateSeries(_ error: LRLensError) -> Bool {
    guard error.kind == .badData else { return false }
    return [
      "found no learning-rate ", "expected an object of lists, found no list",
      "expected 'key=value' or 'key: value' pairs with numbers, found none",
      "found no scalar tag",
    ].contains { error.problem.hasPrefix($0) }
  }

  /// Reads an input with the reader of one format.
  private static func read(
    _ input: LogInput, as format: LogFormat, options: ReadOptions, hdf5Reader: (any LogReader)?
  ) throws(LRLensError) -> ReadResult {
    switch format {
    case .csv: return try CSVReader().read(input, options: options)
    case .json: return try JSONReader().read(input, options: options)
    case .hdf5: return try (hdf5Reader ?? HDF5Reader()).read(input, options: options)
    case .text: return try TextLogReader().read(input, options: options)
    case .tensorboard: return try TensorBoardReader().read(input, options: options)
    }
  }

  /// A format's name in an error message.
  private static func describe(_ format: LogFormat) -> String {
    switch format {
    case .csv: "a CSV file"
    case .json: "JSON"
    case .hdf5: "an HDF5 file"
    case .text: "a text log"
    case .tensorboard: "a TensorBoard event file"
    }
  }
}
