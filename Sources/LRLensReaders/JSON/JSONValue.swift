/// A parsed JSON value, with object keys in file order.
///
/// Numbers keep their text as written (`1e-07`, `NaN`, `-Infinity`), so that ``CellParser``
/// reads them exactly as Python's `json` does; `number` converts them.
indirect enum JSONValue: Sendable, Equatable {
  /// A string, unescaped.
  case string(String)
  /// A number or one of Python's non-finite tokens, as written.
  case number(String)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null
  /// A list.
  case array([JSONValue])
  /// An object.
  case object(JSONObject)

  /// A scalar's text as written, for messages.
  var text: String? {
    switch self {
    case .string(let text), .number(let text): CellParser.excerpt(text)
    case .bool(let value): "\(value)"
    case .null: "null"
    case .array, .object: nil
    }
  }

  /// The value as quoted in an error: `'abc'`, `'true'`, `a list`.
  var quoted: String {
    switch self {
    case .string, .number, .bool, .null: "'\(text ?? "")'"
    case .array: "a list"
    case .object: "an object"
    }
  }

  /// The value as a number: NaN for `null`, numbers and strings as ``CellParser`` reads them.
  var number: Double? {
    switch self {
    case .null: .nan
    case .string(let text), .number(let text): CellParser.value(Substring(text))
    case .bool, .array, .object: nil
    }
  }

  /// Whether the value is `[]`.
  var isEmptyList: Bool {
    if case .array(let values) = self { return values.isEmpty }
    return false
  }
}

/// A JSON object: its keys in file order (each once) and its values.
struct JSONObject: Sendable, Equatable {
  /// The keys, in the order the file writes them.
  private(set) var keys: [String] = []
  /// The values by key.
  private var values: [String: JSONValue] = [:]

  /// The value of a key.
  subscript(key: String) -> JSONValue? { values[key] }

  /// Adds a key the object does not have yet.
  ///
  /// - Parameters:
  ///   - value: The value.
  ///   - key: The key.
  /// - Returns: `false`, leaving the object as it was, when the key is already there.
  mutating func insert(_ value: JSONValue, for key: String) -> Bool {
    guard values.updateValue(value, forKey: key) == nil else { return false }
    keys.append(key)
    return true
  }
}
