internal import CLibCSV

/// Writes CSV rows as Python's `csv.writer` (and pandas' `to_csv`) does with its default
/// `QUOTE_MINIMAL`, quoting through libcsv.
///
/// A field is written as is unless it holds the delimiter `,`, the quote `"`, a carriage return
/// or a line feed; such a field is quoted by libcsv's `csv_write2`, which surrounds it with
/// quotes and doubles the quotes inside, as Python does. The numbers and column names the
/// exporters write never need quotes, so in practice only unusual names go through libcsv.
enum CSVFieldWriter {
  /// A CSV row terminator.
  enum LineEnd {
    /// `\n`: pandas' `to_csv` on Linux and macOS.
    case lineFeed
    /// `\r\n`: Python's `csv.writer`, whatever the platform (Keras' `CSVLogger`, Lightning's
    /// `CSVLogger`, scripts that use the `csv` module).
    case carriageReturnLineFeed

    /// The terminator's bytes.
    var bytes: [UInt8] {
      switch self {
      case .lineFeed: [0x0A]
      case .carriageReturnLineFeed: [0x0D, 0x0A]
      }
    }
  }

  /// Appends one row, its fields separated by commas and ended by `lineEnd`.
  ///
  /// - Parameters:
  ///   - fields: The fields' text.
  ///   - lineEnd: The row terminator.
  ///   - output: The bytes to append to.
  static func appendRow(_ fields: [String], lineEnd: LineEnd, to output: inout [UInt8]) {
    for (index, field) in fields.enumerated() {
      if index > 0 { output.append(UInt8(ascii: ",")) }
      // Python quotes the only field of a row when it is empty, so the row is not blank.
      if needsQuotes(field) || (fields.count == 1 && field.isEmpty) {
        output += quoted(field)
      } else {
        output += field.utf8
      }
    }
    output += lineEnd.bytes
  }

  /// Whether Python's `QUOTE_MINIMAL` quotes a field.
  private static func needsQuotes(_ field: String) -> Bool {
    field.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A
    }
  }

  /// A field surrounded by quotes, its quotes doubled.
  ///
  /// Wraps `csv_write2`, called once to measure (with no destination) and once to write; an
  /// empty field is two quotes, as libcsv ignores a source without bytes.
  private static func quoted(_ field: String) -> [UInt8] {
    let source = Array(field.utf8)
    guard !source.isEmpty else { return [UInt8(ascii: "\""), UInt8(ascii: "\"")] }
    let quote = UInt8(ascii: "\"")
    let size = source.withUnsafeBytes { csv_write2(nil, 0, $0.baseAddress, $0.count, quote) }
    var output = [UInt8](repeating: 0, count: size)
    let written = output.withUnsafeMutableBytes { destination in
      source.withUnsafeBytes {
        csv_write2(destination.baseAddress, destination.count, $0.baseAddress, $0.count, quote)
      }
    }
    // libcsv reports the size it needs; with the buffer it measured, it writes exactly that.
    precondition(written == size, "csv_write2 wrote \(written) of \(size) bytes")
    return output
  }
}
