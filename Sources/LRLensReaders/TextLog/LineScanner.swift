internal import LRLensCore

/// One numeric `key=value` or `key: value` pair of a line, as byte offsets into the input.
struct RawPair {
  /// The first byte of the key (inside any quotes).
  var keyStart: Int
  /// Just past the key's last byte.
  var keyEnd: Int
  /// The first byte of the value.
  var valueStart: Int
  /// Just past the value's last byte.
  var valueEnd: Int
  /// The value.
  var value: Double
}

/// What one line holds: its numeric pairs and, for MXNet batch lines, the batch.
struct LineScan {
  /// The numeric pairs, in line order; MXNet's `Epoch[n]`, `Iter[n]` and `Batch [a-b]`
  /// tokens are among them as keys `Epoch`, `Iter` and `Batch`.
  var pairs: [RawPair] = []
  /// The epoch (or iteration) and the last batch of an MXNet batch line.
  var batch: (epoch: Double, batch: Double)?
}

/// Splits text into lines and finds the pairs on a line.
enum LineScanner {
  /// Calls a closure with each non-blank line's 1-based number and byte range, in order.
  ///
  /// Lines end at LF, CRLF or CR. The walk stops when the closure returns `false`.
  static func forEachLine(
    in bytes: [UInt8], from start: Int, _ body: (Int, Int, Int) -> Bool
  ) {
    var line = 1
    var lower = start
    var index = start
    while index <= bytes.count {
      let isEnd = index == bytes.count
      let byte: UInt8 = isEnd ? 0x0A : bytes[index]
      if byte == 0x0A || byte == 0x0D {
        if !isBlank(bytes, lower..<index), !body(line, lower, index) { return }
        if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        line += 1
        lower = index + 1
      }
      index += 1
    }
  }

  /// Whether a range holds only spaces and tabs.
  static func isBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    bytes[range].allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// Whether the text starts like JSON: `{"`, or `[` followed by `[`, `{`, `"`, `]` or a JSON
  /// literal (number, `NaN`, `Infinity`, `null`, `true`, `false`) and then `,` or `]`.
  static func startsLikeJSON(_ bytes: [UInt8], from start: Int) -> Bool {
    let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = bytes[start...].firstIndex(where: { !isSpace($0) }) else { return false }
    guard bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[") else {
      return false
    }
    guard let next = bytes[(first + 1)...].firstIndex(where: { !isSpace($0) }) else {
      return false
    }
    if bytes[first] == UInt8(ascii: "{") { return bytes[next] == UInt8(ascii: "\"") }
    if "[{\"]".utf8.contains(bytes[next]) { return true }
    var end = next
    while end < bytes.count, isValueByte(bytes[end]) { end += 1 }
    let token = String(decoding: bytes[next..<end], as: UTF8.self)
    let literals: Set<String> = ["NaN", "Infinity", "-Infinity", "null", "true", "false"]
    guard literals.contains(token) || CellParser.value(Substring(token))?.isFinite == true
    else { return false }
    guard let after = bytes[end...].firstIndex(where: { !isSpace($0) }) else { return false }
    return bytes[after] == UInt8(ascii: ",") || bytes[after] == UInt8(ascii: "]")
  }

  /// Finds the numeric pairs and the MXNet batch tokens of one line.
  ///
  /// A key is a run of letters, digits, `_`, `-`, `.` and `/` starting with a letter, or any
  /// quoted text starting with a letter, before `=` or `:` (spaces allowed around them). A
  /// value is a decimal number, a NaN or infinity spelling, or a tensor repr
  /// (`tensor(2.3, device='cuda:0')`); anything else (`root`, `12.3s`) is not a pair.
  static func scan(_ bytes: [UInt8], _ range: Range<Int>) -> LineScan {
    var result = LineScan()
    var epoch: RawPair?
    var batch: RawPair?
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      if byte == UInt8(ascii: "="), index + 1 < range.upperBound,
        bytes[index + 1] == UInt8(ascii: "=")
      {
        index += 2
        continue
      }
      if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":"),
        let pair = pair(bytes, separator: index, in: range)
      {
        result.pairs.append(pair)
        index = pair.valueEnd
        continue
      }
      if epoch == nil, byte == UInt8(ascii: "E") || byte == UInt8(ascii: "I"),
        let token = bracketed(bytes, at: index, in: range, names: ["Epoch", "Iter"])
      {
        epoch = token
        result.pairs.append(token)
        index = token.valueEnd
        continue
      }
      if batch == nil, byte == UInt8(ascii: "B"),
        let token = bracketed(bytes, at: index, in: range, names: ["Batch"])
      {
        batch = token
        result.pairs.append(token)
        index = token.valueEnd
        continue
      }
      index += 1
    }
    if let epoch, let batch { result.batch = (epoch.value, batch.value) }
    return result
  }

  /// The pair whose `=` or `:` is at `separator`, if the text around it is one.
  private static func pair(_ bytes: [UInt8], separator: Int, in range: Range<Int>) -> RawPair? {
    let lower = range.lowerBound
    var end = separator
    while end > lower, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    guard end > lower else { return nil }
    var keyStart = end
    var keyEnd = end
    let last = bytes[end - 1]
    if last == UInt8(ascii: "'") || last == UInt8(ascii: "\"") {
      guard let open = bytes[lower..<(end - 1)].lastIndex(of: last) else { return nil }
      keyStart = open + 1
      keyEnd = end - 1
    } else {
      while keyStart > lower, isKeyByte(bytes[keyStart - 1]) { keyStart -= 1 }
    }
    guard keyStart < keyEnd, isLetter(bytes[keyStart]) else { return nil }
    var valueStart = separator + 1
    while valueStart < range.upperBound,
      bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09
    {
      valueStart += 1
    }
    guard let (valueEnd, value) = number(bytes, at: valueStart, in: range) else { return nil }
    return RawPair(
      keyStart: keyStart, keyEnd: keyEnd, valueStart: valueStart, valueEnd: valueEnd,
      value: value)
  }

  /// The number starting at `start`: its end and value.
  private static func number(_ bytes: [UInt8], at start: Int, in range: Range<Int>)
    -> (Int, Double)?
  {
    var end = start
    while end < range.upperBound, isValueByte(bytes[end]) { end += 1 }
    guard end > start else { return nil }
    if end < range.upperBound, bytes[end] == UInt8(ascii: "(") {
      guard let close = closingParenthesis(bytes, from: end, in: range) else { return nil }
      let text = String(decoding: bytes[start...close], as: UTF8.self)
      guard let cell = CellParser.parse(Substring(text)), cell.wrapper != nil else { return nil }
      return (close + 1, cell.value)
    }
    let decimal = bytes.withUnsafeBufferPointer {
      CellParser.decimal(UnsafeBufferPointer(rebasing: $0[start..<end]))
    }
    if let decimal { return (end, decimal) }
    guard end - start <= 9 else { return nil }
    let text = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    var unsigned = Substring(text)
    var sign = 1.0
    if let first = unsigned.first, first == "+" || first == "-" {
      sign = first == "-" ? -1 : 1
      unsigned = unsigned.dropFirst()
    }
    switch unsigned {
    case "nan": return (end, .nan)
    case "inf", "infinity": return (end, sign * .infinity)
    default: return nil
    }
  }

  /// The index of the `)` closing the `(` at `open`, skipping nested brackets and quotes.
  private static func closingParenthesis(_ bytes: [UInt8], from open: Int, in range: Range<Int>)
    -> Int?
  {
    var depth = 0
    var quote: UInt8?
    for index in open..<range.upperBound {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
        continue
      }
      switch byte {
      case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth -= 1
        if depth == 0 { return byte == UInt8(ascii: ")") ? index : nil }
      default: break
      }
    }
    return nil
  }

  /// An MXNet counter token at `start`: `Epoch[3]`, `Iter[3]`, `Batch [200]`, `Batch[200]` or
  /// `Batch [100-200]` (whose value is the last batch, 200).
  private static func bracketed(
    _ bytes: [UInt8], at start: Int, in range: Range<Int>, names: [String]
  ) -> RawPair? {
    if start > range.lowerBound, isLetter(bytes[start - 1]) { return nil }
    guard let name = names.first(where: { bytes[start...].starts(with: $0.utf8) }) else {
      return nil
    }
    var index = start + name.utf8.count
    while index < range.upperBound, bytes[index] == 0x20 { index += 1 }
    guard index < range.upperBound, bytes[index] == UInt8(ascii: "[") else { return nil }
    var digits = digitRun(bytes, from: index + 1, in: range)
    if name == "Batch", digits.upperBound < range.upperBound,
      bytes[digits.upperBound] == UInt8(ascii: "-"), !digits.isEmpty
    {
      digits = digitRun(bytes, from: digits.upperBound + 1, in: range)
    }
    guard !digits.isEmpty, digits.count <= 15, digits.upperBound < range.upperBound,
      bytes[digits.upperBound] == UInt8(ascii: "]"),
      let value = Double(String(decoding: bytes[digits], as: UTF8.self))
    else { return nil }
    return RawPair(
      keyStart: start, keyEnd: start + name.utf8.count, valueStart: digits.lowerBound,
      valueEnd: digits.upperBound, value: value)
  }

  /// The run of ASCII digits starting at `start`.
  private static func digitRun(_ bytes: [UInt8], from start: Int, in range: Range<Int>)
    -> Range<Int>
  {
    var end = start
    while end < range.upperBound, isDigit(bytes[end]) { end += 1 }
    return start..<end
  }

  /// Whether a byte may be part of an unquoted key.
  static func isKeyByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
  }

  /// Whether a byte may be part of a value token.
  static func isValueByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: "-")
  }

  /// Whether a byte is an ASCII letter.
  static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }

  /// Whether a byte is an ASCII digit.
  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}
