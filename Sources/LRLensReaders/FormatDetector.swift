package import LRLensCore

/// Recognises a log's format from its content, and from its name only when the content says
/// nothing more specific.
package enum FormatDetector {
  /// Detects the format of an input: the first of ``candidates(_:)``.
  ///
  /// - Parameter input: The input.
  /// - Returns: The format.
  /// - Complexity: As ``candidates(_:)``.
  package static func detect(_ input: LogInput) -> LogFormat {
    candidates(input)[0]
  }

  /// The formats an input's content fits, the most likely first; never empty.
  ///
  /// By content, in order: the HDF5 signature; TFRecord framing whose length checksum holds
  /// (TensorBoard); `{` or `[` first, after an optional BOM and white space, which fits JSON
  /// and also text logs whose lines start with a bracket (`[2024-11-22 12:00:00,000] INFO
  /// lr=… loss=…`, `[1/100] lr=…`); several lines of `key=value` records or MXNet batch lines
  /// (text log). A bracket start that reads as JSON (`[[`, `[{`, `[1.5,`, `{"`) is JSON only;
  /// one that the text sniff recognises is a text log first and JSON second; otherwise the
  /// name breaks the tie (`.log` puts the text log first) and JSON comes first. When nothing
  /// matches, a name ending in `.h5`/`.hdf5`, containing `tfevents`, or ending in `.json` or
  /// `.log` picks that format, so that a damaged file gets its own reader's precise error;
  /// anything else is read as delimited text.
  ///
  /// - Parameter input: The input.
  /// - Returns: The formats to try, in order.
  /// - Complexity: O(1) for HDF5 and TensorBoard; the text sniff reads at most the first
  ///   64 KiB.
  package static func candidates(_ input: LogInput) -> [LogFormat] {
    if HDF5Reader.recognizes(input) { return [.hdf5] }
    if TensorBoardReader.recognizes(input) { return [.tensorboard] }
    let named = formatNamed(by: input.path)
    if startsWithBracket(input.bytes) {
      let start = input.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
      if LineScanner.startsLikeJSON(input.bytes, from: start) { return [.json] }
      if TextLogReader.recognizes(input) || named == .text { return [.text, .json] }
      return [.json, .text]
    }
    if TextLogReader.recognizes(input) { return [.text] }
    return [named ?? .csv]
  }

  /// The offset of the first byte in the first 4 KiB that no text log, CSV or JSON file holds
  /// (a control character other than tab, line feed, carriage return and escape), if any.
  ///
  /// - Parameter bytes: The input's bytes.
  /// - Returns: The offset, or `nil` when the start looks like text.
  package static func firstBinaryByte(_ bytes: [UInt8]) -> Int? {
    bytes.prefix(4096).firstIndex { byte in
      byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x1B
    }
  }

  /// The format a file name implies, if any.
  private static func formatNamed(by path: String) -> LogFormat? {
    let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
    if name.hasSuffix(".h5") || name.hasSuffix(".hdf5") { return .hdf5 }
    if name.contains("tfevents") { return .tensorboard }
    if name.hasSuffix(".json") { return .json }
    if name.hasSuffix(".log") { return .text }
    return nil
  }

  /// Whether the first byte after an optional BOM and white space is `{` or `[`.
  private static func startsWithBracket(_ bytes: [UInt8]) -> Bool {
    var start = bytes.startIndex
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start += 3 }
    let whiteSpace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
    let first = bytes[start...].first { !whiteSpace.contains($0) }
    return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
  }
}
