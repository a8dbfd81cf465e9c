/// Python's text for a float, byte for byte, as the frameworks' exports hold it.
///
/// `repr(x)` (and `str(x)`, which is the same for floats) is what `json.dumps`, `csv.writer`
/// and pandas' `to_csv` write for a float64; float32 values (Keras' learning rates, PyTorch's
/// `loss.item()`) reach them already widened to float64 and print as such
/// (`9.999999747378752e-06`). `%f` is what MXNet's and the Python `logging` lines use.
package enum PythonFloatFormat {
  /// Python's `repr` of a float: the shortest digits that read back as the same float.
  ///
  /// The digits come from Swift's `description`, which, like Python's `repr` (David Gay's
  /// `dtoa` mode 0), picks the shortest digit string that rounds back to the value and, of
  /// several, the one closest to it; only the layout differs and is redone here. With the
  /// value written as `0.d₁d₂…dₙ × 10ᵏ`, Python uses an exponent when `k ≤ -4` or `k > 16`:
  /// `1e-05`, `1.5e+16`, `1e+17` (mantissa without `.0`, exponent signed, at least two
  /// digits); otherwise it writes the digits positionally with at least one digit after the
  /// point: `0.0001`, `0.30000000000000004`, `100.0`, `9999999999999998.0`. Zero keeps its
  /// sign (`-0.0`); NaN of either sign is `nan`; infinities are `inf` and `-inf`.
  ///
  /// - Parameter value: The float.
  /// - Returns: Python's `repr(value)`.
  /// - Complexity: O(1): at most 17 digits and a 3-digit exponent.
  package static func repr(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let sign = value.sign == .minus ? "-" : ""
    if value == 0 { return sign + "0.0" }
    let (digits, exponent) = shortestDigits(of: value.magnitude)
    let text: String
    if exponent <= -4 || exponent > 16 {
      var mantissa = String(digits.first ?? "0")
      if digits.count > 1 { mantissa += "." + digits.dropFirst() }
      let power = exponent - 1
      let magnitude = String(power.magnitude)
      text = mantissa + (power < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    } else if exponent <= 0 {
      text = "0." + String(repeating: "0", count: -exponent) + digits
    } else if exponent >= digits.count {
      text = digits + String(repeating: "0", count: exponent - digits.count) + ".0"
    } else {
      let point = digits.index(digits.startIndex, offsetBy: exponent)
      text = digits[..<point] + "." + digits[point...]
    }
    return sign + text
  }

  /// Python's `json.dumps` text of a float: `repr`, except `NaN`, `Infinity` and `-Infinity`
  /// for the values JSON has no number for (Python writes them although strict JSON has none).
  ///
  /// - Parameter value: The float.
  /// - Returns: The JSON token.
  package static func jsonToken(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    return repr(value)
  }

  /// The shortest round-trip digits of a positive finite value, without leading or trailing
  /// zeros, and the exponent `k` that places them: the value is `0.digits × 10ᵏ`.
  private static func shortestDigits(of value: Double) -> (digits: String, exponent: Int) {
    // Swift prints `1e-07`, `5e-324`, `0.30000000000000004`, `1e+16` or `100.0`.
    let text = value.description
    var mantissa = Substring(text)
    var power = 0
    if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<marker]
      guard let parsed = Int(text[text.index(after: marker)...]) else {
        preconditionFailure("Swift printed an unreadable exponent in '\(text)'")
      }
      power = parsed
    }
    var digits = ""
    var integerDigitCount: Int?
    for character in mantissa {
      if character == "." {
        integerDigitCount = digits.count
      } else {
        digits.append(character)
      }
    }
    var exponent = (integerDigitCount ?? digits.count) + power
    let leadingZeros = digits.prefix { $0 == "0" }.count
    exponent -= leadingZeros
    digits.removeFirst(leadingZeros)
    while digits.last == "0" { digits.removeLast() }
    return (digits, exponent)
  }
}
