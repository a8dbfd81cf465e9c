/// One row per input file for a batch: file, framework, points, lrlens's recommendation and each
/// rule's learning rate, as aligned text or as CSV.
package struct SummaryTable: Sendable, Equatable {
  /// The column titles: `file`, `framework`, `points`, `recommended`, then one per rule id.
  package private(set) var header: [String]
  /// The rows, in input order; a failed file says `error (exit N)` in the `framework` column
  /// (its message went to stderr); `recommended` says `none` when lrlens refused.
  package private(set) var rows: [[String]]
  private let ruleIDs: [String]

  /// Creates an empty table for a set of rules.
  ///
  /// - Parameter ruleIDs: The rules whose values fill the columns after `points`.
  package init(ruleIDs: [String]) {
    self.ruleIDs = ruleIDs
    header = ["file", "framework", "points", "recommended"] + ruleIDs
    rows = []
  }

  /// Adds a file's report.
  ///
  /// - Parameter report: The report.
  package mutating func add(_ report: FileReport) {
    let values = ruleIDs.map { id in
      report.suggestions.first { $0.rule == id }?.lr.map(FileReport.significant) ?? "-"
    }
    let recommended = report.recommendation.lr.map(FileReport.significant) ?? "none"
    rows.append([report.file, report.framework, "\(report.points)", recommended] + values)
  }

  /// Adds a file that failed.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - error: Why it failed.
  package mutating func add(failed path: String, error: LRLensError) {
    rows.append(
      [path, "error (exit \(error.kind.exitCode))", "-", "-"] + ruleIDs.map { _ in "-" })
  }

  /// The table as aligned text, one line per row after the header.
  ///
  /// - Returns: The text, ending with a newline.
  package func text() -> String {
    let table = [header] + rows
    let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
    return table.map { row in
      row.indices.map { column in
        column == row.count - 1
          ? row[column] : row[column].padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }
      .joined(separator: "  ")
    }
    .joined(separator: "\n") + "\n"
  }

  /// The table as CSV (RFC 4180: fields with a comma, quote or line break are quoted).
  ///
  /// - Returns: The CSV text, with a header line, ending with a newline.
  package func csv() -> String {
    ([header] + rows).map { row in
      row.map { field in
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }
      .joined(separator: ",")
    }
    .joined(separator: "\n") + "\n"
  }
}
