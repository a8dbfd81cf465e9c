internal import Foundation

/// A shell glob pattern with `**` and `{a,b}`, as the batch commands take for inputs and for
/// `--exclude`.
///
/// `*` matches any run of characters but `/`, `?` one character but `/`, `[abc]`, `[a-z]` and
/// `[!abc]` one character of a set, `**` as a whole path component any number of folders
/// (none included), and `{a,b}` either alternative (nesting allowed). Hidden files and folders
/// are matched only by a pattern component that starts with `.`.
package struct GlobPattern: Sendable {
  /// The pattern as given.
  package var text: String
  private let expression: NSRegularExpression?

  /// Compiles a pattern.
  ///
  /// - Parameter text: The pattern.
  package init(_ text: String) {
    self.text = text
    expression = try? NSRegularExpression(pattern: "^" + Self.regularExpression(text) + "$")
  }

  /// Whether a path matches the whole pattern.
  ///
  /// - Parameter path: The path, spelled as the pattern is (relative or absolute).
  /// - Returns: Whether it matches.
  package func matches(_ path: String) -> Bool {
    guard let expression else { return false }
    let range = NSRange(path.startIndex..., in: path)
    return expression.firstMatch(in: path, range: range) != nil
  }

  /// Whether a path, or its end from some `/` on, matches: a pattern without `/` matches a
  /// name, `x/*.json` matches `runs/x/a.json`, `**/y/**` any file below a folder `y`.
  ///
  /// - Parameter path: The path.
  /// - Returns: Whether it matches.
  package func matchesPathOrName(_ path: String) -> Bool {
    if matches(path) { return true }
    return path.indices.contains { index in
      path[index] == "/" && matches(String(path[path.index(after: index)...]))
    }
  }

  /// The existing files the pattern matches, sorted by path.
  ///
  /// The folders searched start at the pattern's longest leading run of components without
  /// wildcards; they are searched below their first level only when the rest of the pattern
  /// holds `/` or `**`.
  ///
  /// - Returns: The matching paths.
  package func matchingFiles() -> [String] {
    let components = text.split(separator: "/", omittingEmptySubsequences: false)
    let literalCount = components.prefix { !$0.contains(where: { "*?[{".contains($0) }) }.count
    guard literalCount < components.count else { return [] }
    let prefix = components.prefix(literalCount).joined(separator: "/")
    let base = prefix.isEmpty ? (text.hasPrefix("/") ? "/" : ".") : prefix
    let rest = components.dropFirst(literalCount)
    let recursive = rest.count > 1 || rest.contains { $0.contains("**") }
    return InputExpander.relativeFiles(below: base, recursive: recursive)
      .map { prefix.isEmpty && !text.hasPrefix("/") ? $0 : "\(prefix)/\($0)" }
      .filter(matches)
      .sorted()
  }

  /// The regular expression of a glob pattern, without anchors.
  private static func regularExpression(_ pattern: String) -> String {
    let characters = Array(pattern)
    var result = ""
    var index = 0
    var braceDepth = 0
    while index < characters.count {
      let character = characters[index]
      switch character {
      case "*":
        let isDouble = index + 1 < characters.count && characters[index + 1] == "*"
        let startsComponent = index == 0 || characters[index - 1] == "/"
        if isDouble && startsComponent {
          let endsWithSlash = index + 2 < characters.count && characters[index + 2] == "/"
          if endsWithSlash {
            result += "(?:[^/.][^/]*/)*"
            index += 3
          } else {
            result += "(?:[^/.][^/]*(?:/[^/.][^/]*)*)?"
            index += 2
          }
          continue
        }
        result += startsComponent ? "(?:[^/.][^/]*)?" : "[^/]*"
      case "?":
        result += "[^/]"
      case "[":
        if let close = characters[(index + 1)...].dropFirst().firstIndex(of: "]") {
          var set = String(characters[(index + 1)..<close])
          if set.hasPrefix("!") { set = "^" + set.dropFirst() }
          result += "[" + set.replacingOccurrences(of: "\\", with: "\\\\") + "]"
          index = close + 1
          continue
        }
        result += "\\["
      case "{":
        braceDepth += 1
        result += "(?:"
      case "}" where braceDepth > 0:
        braceDepth -= 1
        result += ")"
      case "," where braceDepth > 0:
        result += "|"
      default:
        result += NSRegularExpression.escapedPattern(for: String(character))
      }
      index += 1
    }
    return result + String(repeating: ")", count: braceDepth)
  }
}
