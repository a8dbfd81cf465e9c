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
    let format = options.format ?? FormatDetector.detect(input)
    if options.format == nil, format == .csv || format == .text,
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
    switch format {
    case .csv: return try CSVReader().read(input, options: options)
    case .json: return try JSONReader().read(input, options: options)
    case .hdf5: return try (hdf5Reader ?? HDF5Reader()).read(input, options: options)
    case .text: return try TextLogReader().read(input, options: options)
    case .tensorboard: return try TensorBoardReader().read(input, options: options)
    }
  }
}
