internal import LRLensCore

/// A single-pass JSON parser for range-test exports, with positions in its errors.
///
/// It reads RFC 8259 JSON plus Python's `json` module's non-finite tokens (`NaN`, `Infinity`,
/// `-Infinity`), and, as lrlens always has, a leading `+` on numbers. It keeps object keys in
/// file order, rejects a key that appears twice in one object (Python would keep the last one
/// silently), nesting deeper than ``maximumDepth`` and inputs larger than ``maximumByteCount``.
/// Every error names the line and byte column where the problem starts, in lrlens's own words,
/// so the messages are the same on every platform.
struct JSONParser {
  /// The deepest nesting of lists and objects accepted.
  static let maximumDepth = 512
  /// The largest input accepted, in bytes (512 MiB).
  static let maximumByteCount = 512 << 20

  private let bytes: ArraySlice<UInt8>
  private let path: String
  private var index: Int
  private var depth = 0

  /// Creates a parser.
  ///
  /// - Parameters:
  ///   - bytes: The text, without a byte-order mark.
  ///   - path: The input's path, for errors.
  init(bytes: ArraySlice<UInt8>, path: String) {
    self.bytes = bytes
    self.path = path
    index = bytes.startIndex
  }

  /// Parses the whole text as one value.
  ///
  /// - Returns: The value.
  /// - Throws: `LRLensError` of kind `.badData` when the text is too large, not UTF-8, empty,
  ///   nested too deep, holds a duplicate key, or is not JSON; each with its line and column.
  /// - Complexity: O(n) in the size of the text.
  mutating func parse() throws(LRLensError) -> JSONValue {
    guard bytes.count <= Self.maximumByteCount else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "expected a JSON file of at most \(Self.maximumByteCount >> 20) MiB, found "
          + "\(bytes.count) bytes",
        fix: "export the range test alone, without the rest of the training history")
    }
    if let offset = firstInvalidUTF8() {
      throw LRLensError(
        .badData, at: location(ofOffset: offset),
        problem: "expected UTF-8 text, found the byte 0x"
          + String(bytes[offset], radix: 16, uppercase: true),
        fix: "save the file as UTF-8")
    }
    skipWhiteSpace()
    guard index < bytes.endIndex else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "the file is empty: expected JSON such as {\"lr\": [...], \"loss\": [...]}",
        fix: "check the path, or export the range test again")
    }
    let value = try parseValue()
    skipWhiteSpace()
    guard index == bytes.endIndex else {
      throw syntaxError("expected the end of the file after the value, found \(found())")
    }
    return value
  }

  // MARK: Values

  private mutating func parseValue() throws(LRLensError) -> JSONValue {
    guard let byte = current else { throw endOfFile("a value") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    default: return try parseWord()
    }
  }

  private mutating func parseObject() throws(LRLensError) -> JSONValue {
    try enter()
    index += 1
    var object = JSONObject()
    skipWhiteSpace()
    if current == UInt8(ascii: "}") {
      index += 1
      depth -= 1
      return .object(object)
    }
    while true {
      skipWhiteSpace()
      guard let byte = current else { throw endOfFile("a key in double quotes") }
      guard byte == UInt8(ascii: "\"") else {
        throw syntaxError("expected a key in double quotes, found \(found())")
      }
      let keyOffset = index
      let key = try parseString()
      skipWhiteSpace()
      try expect(UInt8(ascii: ":"), "':' after the key")
      skipWhiteSpace()
      let value = try parseValue()
      guard object.insert(value, for: key) else {
        let name = CellParser.excerpt(key)
        throw LRLensError(
          .badData, at: location(ofOffset: keyOffset),
          problem: "key '\(name)' appears twice in one object (Python's json would keep the "
            + "last one silently)",
          fix: "delete the '\(name)' you do not mean")
      }
      skipWhiteSpace()
      guard let next = current else { throw endOfFile("',' or '}' after an object's value") }
      index += 1
      if next == UInt8(ascii: "}") { break }
      guard next == UInt8(ascii: ",") else {
        index -= 1
        throw syntaxError("expected ',' or '}' after an object's value, found \(found())")
      }
    }
    depth -= 1
    return .object(object)
  }

  private mutating func parseArray() throws(LRLensError) -> JSONValue {
    try enter()
    index += 1
    var values: [JSONValue] = []
    skipWhiteSpace()
    if current == UInt8(ascii: "]") {
      index += 1
      depth -= 1
      return .array(values)
    }
    while true {
      skipWhiteSpace()
      values.append(try parseValue())
      skipWhiteSpace()
      guard let next = current else { throw endOfFile("',' or ']' after a list item") }
      index += 1
      if next == UInt8(ascii: "]") { break }
      guard next == UInt8(ascii: ",") else {
        index -= 1
        throw syntaxError("expected ',' or ']' after a list item, found \(found())")
      }
    }
    depth -= 1
    return .array(values)
  }

  /// Counts one more level of nesting at the current `[` or `{`.
  private mutating func enter() throws(LRLensError) {
    depth += 1
    guard depth <= Self.maximumDepth else {
      throw LRLensError(
        .badData, at: location(ofOffset: index),
        problem: "expected lists and objects nested at most \(Self.maximumDepth) deep, found "
          + "deeper nesting",
        fix: "repair the JSON (is it a range-test export?)")
    }
  }

  // MARK: Strings

  /// Reads the string starting at the current `"` and moves past it.
  private mutating func parseString() throws(LRLensError) -> String {
    let start = index
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    var hasEscapes = false
    while true {
      guard let byte = current else { throw endOfFile("the end of the string started here") }
      if byte == UInt8(ascii: "\"") {
        let text: String
        if hasEscapes {
          scalars.append(
            contentsOf: String(decoding: bytes[runStart..<index], as: UTF8.self).unicodeScalars)
          text = String(scalars)
        } else {
          text = String(decoding: bytes[(start + 1)..<index], as: UTF8.self)
        }
        index += 1
        return text
      }
      if byte < 0x20 {
        throw syntaxError(
          "expected the string to end before the line does, found a control character")
      }
      if byte == UInt8(ascii: "\\") {
        hasEscapes = true
        scalars.append(
          contentsOf: String(decoding: bytes[runStart..<index], as: UTF8.self).unicodeScalars)
        scalars.append(try parseEscape())
        runStart = index
        continue
      }
      index += 1
    }
  }

  /// Reads one escape sequence starting at the current `\` and moves past it.
  private mutating func parseEscape() throws(LRLensError) -> Unicode.Scalar {
    let start = index
    index += 1
    guard let byte = current else { throw endOfFile("an escape sequence") }
    index += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let high = try hexCode(escapeAt: start)
      if (0xD800..<0xDC00).contains(high), current == UInt8(ascii: "\\"),
        index + 1 < bytes.endIndex, bytes[index + 1] == UInt8(ascii: "u")
      {
        let lowStart = index
        index += 2
        let low = try hexCode(escapeAt: lowStart)
        if (0xDC00..<0xE000).contains(low),
          let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        {
          return scalar
        }
        index = lowStart
      }
      // A lone surrogate becomes U+FFFD, as Swift strings cannot hold it.
      return Unicode.Scalar(high) ?? "\u{FFFD}"
    default:
      index = start
      throw syntaxError(
        "expected an escape such as \\n or \\u00e9, found '\\\(Character(Unicode.Scalar(byte)))'")
    }
  }

  /// The four hex digits after `\u`.
  private mutating func hexCode(escapeAt start: Int) throws(LRLensError) -> UInt32 {
    var code: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current else { throw endOfFile("four hex digits after \\u") }
      guard let digit = Self.hexValue(byte) else {
        index = start
        throw syntaxError("expected four hex digits after \\u")
      }
      code = code << 4 | digit
      index += 1
    }
    return code
  }

  private static func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  // MARK: Words

  private static let nonFiniteTokens = [Array("NaN".utf8), Array("Infinity".utf8)]

  /// Reads a bare word: `true`, `false`, `null`, a number or a non-finite token.
  private mutating func parseWord() throws(LRLensError) -> JSONValue {
    let start = index
    while let byte = current, Self.isWordByte(byte) { index += 1 }
    let word = bytes[start..<index]
    guard let first = word.first else {
      throw syntaxError("expected a value, found \(found())")
    }
    if word.elementsEqual("true".utf8) { return .bool(true) }
    if word.elementsEqual("false".utf8) { return .bool(false) }
    if word.elementsEqual("null".utf8) { return .null }
    let text = String(decoding: word, as: UTF8.self)
    let hasSign = first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
    let body = hasSign ? word.dropFirst() : word
    let isNonFinite = Self.nonFiniteTokens.contains { body.elementsEqual($0) }
    let looksNumeric =
      hasSign || first == UInt8(ascii: ".") || Self.isDigit(first) || isNonFinite
    guard looksNumeric else {
      index = start
      throw syntaxError("expected a value, found '\(CellParser.excerpt(text))'")
    }
    guard isNonFinite || Self.isNumber(body) else {
      index = start
      throw syntaxError("malformed number '\(CellParser.excerpt(text))'")
    }
    return .number(text)
  }

  /// Whether a byte can be part of a bare word: a number, `NaN`, `true`, or a mistake.
  private static func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || isDigit(byte)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".")
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  /// Whether bytes are an unsigned JSON number: `(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
  private static func isNumber(_ bytes: ArraySlice<UInt8>) -> Bool {
    var index = bytes.startIndex
    func digits() -> Int {
      let start = index
      while index < bytes.endIndex && isDigit(bytes[index]) { index += 1 }
      return index - start
    }
    let integerDigits = digits()
    guard integerDigits > 0, integerDigits == 1 || bytes[bytes.startIndex] != UInt8(ascii: "0")
    else { return false }
    if index < bytes.endIndex && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { return false }
    }
    if index < bytes.endIndex
      && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"))
    {
      index += 1
      if index < bytes.endIndex
        && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"))
      {
        index += 1
      }
      guard digits() > 0 else { return false }
    }
    return index == bytes.endIndex
  }

  // MARK: Positions and errors

  private var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

  private mutating func skipWhiteSpace() {
    while let byte = current,
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    {
      index += 1
    }
  }

  private mutating func expect(_ byte: UInt8, _ what: String) throws(LRLensError) {
    guard let next = current else { throw endOfFile(what) }
    guard next == byte else { throw syntaxError("expected \(what), found \(found())") }
    index += 1
  }

  /// What stands at the current position, quoted: a word, or one character.
  private func found() -> String {
    guard let byte = current else { return "the end of the file" }
    if Self.isWordByte(byte) {
      let end = bytes[index...].firstIndex { !Self.isWordByte($0) } ?? bytes.endIndex
      return "'\(CellParser.excerpt(String(decoding: bytes[index..<end], as: UTF8.self)))'"
    }
    let end = min(index + 4, bytes.endIndex)
    let character =
      String(decoding: bytes[index..<end], as: UTF8.self).first.map(String.init) ?? "?"
    return "'\(CellParser.excerpt(character))'"
  }

  private func syntaxError(_ problem: String) -> LRLensError {
    LRLensError(
      .badData, at: location(ofOffset: index), problem: "invalid JSON: \(problem)",
      fix: "repair the JSON (is the file truncated?)")
  }

  private func endOfFile(_ expected: String) -> LRLensError {
    LRLensError(
      .badData, at: location(ofOffset: bytes.endIndex),
      problem: "invalid JSON: expected \(expected), found the end of the file",
      fix: "repair the JSON (is the file truncated?)")
  }

  /// The offset of the first byte that is not part of valid UTF-8, if any.
  private func firstInvalidUTF8() -> Int? {
    if String(validating: bytes, as: UTF8.self) != nil { return nil }
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = bytes.startIndex
    while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let scalar): offset += scalar.count
      case .error: return offset
      case .emptyInput: return nil
      }
    }
  }

  /// The line and byte column of an offset.
  private func location(ofOffset offset: Int) -> InputLocation {
    var line = 1
    var lineStart = bytes.startIndex
    var position = bytes.startIndex
    while position < min(offset, bytes.endIndex) {
      let byte = bytes[position]
      let next = position + 1 < bytes.endIndex ? bytes[position + 1] : 0
      if byte == 0x0A || (byte == 0x0D && next != 0x0A) {
        line += 1
        lineStart = position + 1
      }
      position += 1
    }
    return InputLocation(path: path, line: line, column: offset - lineStart + 1)
  }
}
