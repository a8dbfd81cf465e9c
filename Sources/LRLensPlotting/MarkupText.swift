/// Text made safe for XML and HTML documents.
package enum MarkupText {
  /// Escapes text for character data and quoted attribute values in XML or HTML.
  ///
  /// `&`, `<`, `>`, `"` and `'` become entities; control characters XML 1.0 forbids (all below
  /// U+0020 except tab, line feed and carriage return, and U+FFFE, U+FFFF) become U+FFFD.
  ///
  /// - Parameter text: Any text.
  /// - Returns: The escaped text.
  /// - Complexity: O(n) in the length of `text`.
  package static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      case _ where character.unicodeScalars.contains(where: isForbiddenInXML):
        escaped += "\u{FFFD}"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  private static func isForbiddenInXML(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 && ![0x09, 0x0A, 0x0D].contains(scalar.value))
      || scalar.value == 0xFFFE || scalar.value == 0xFFFF
  }
}
