import Foundation
import Testing

/// Compares rendered text with the golden file `Snapshots/<name>` beside the calling test file.
///
/// With `RECORD_SNAPSHOTS=1` in the environment it writes the file instead and records an
/// issue, so a recording run always fails and nothing is accepted silently. A missing golden
/// file fails and says how to record it. On a mismatch the first differing line is shown.
///
/// - Parameters:
///   - actual: The rendered text.
///   - name: The golden file's name, such as `fastai_mlp_digits.svg`.
///   - filePath: The calling test file, whose folder holds `Snapshots/`.
///   - sourceLocation: The caller's location.
public func assertSnapshot(
  _ actual: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots").appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    do {
      try Data(actual.utf8).write(to: url, options: .atomic)
      Issue.record(
        "recorded snapshot \(name); run again without RECORD_SNAPSHOTS to check it",
        sourceLocation: sourceLocation)
    } catch {
      Issue.record("cannot write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard let data = try? Data(contentsOf: url), let expected = String(data: data, encoding: .utf8)
  else {
    Issue.record(
      "no snapshot \(url.path); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    return
  }
  guard actual != expected else { return }
  let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let line =
    zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
    ?? min(actualLines.count, expectedLines.count)
  let found = line < actualLines.count ? String(actualLines[line]) : "<end of output>"
  let wanted = line < expectedLines.count ? String(expectedLines[line]) : "<end of file>"
  Issue.record(
    """
    snapshot \(name) differs at line \(line + 1) (re-record with RECORD_SNAPSHOTS=1 if the \
    change is intended):
      expected: \(wanted)
      found:    \(found)
    """, sourceLocation: sourceLocation)
}
