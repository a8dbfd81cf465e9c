/// One row per input file for a batch: file, framework, points, lrlens's recommendation and each
/// rule's learning rate, as aligned text or as CSV.
package struct SummaryTable: Sendable, Equatable {
  /// One file's row.
  struct Row: Sendable, Equatable {
    var file: String
    var framework: String?
    var points: Int?
    var recommended: Double?
    var level: String?
    var confidence: Double?
    var values: [Double?]
    var error: LRLensError?
  }

  /// The text table's column titles: `file`, `framework`, `points`, `recommended`, then one per
  /// rule id.
  package var header: [String] { ["file", "framework", "points", "recommended"] + ruleIDs }
  /// The CSV's column titles: `file`, `framework`, `points`, `recommended`, `level`,
  /// `confidence`, one per rule id, then `exit_code` and `error`.
  package var csvHeader: [String] {
    ["file", "framework", "points", "recommended", "level", "confidence"] + ruleIDs + [
      "exit_code", "error",
    ]
  }
  private(set) var rows: [Row]
  private let ruleIDs: [String]

  /// Creates an empty table for a set of rules.
  ///
  /// - Parameter ruleIDs: The rules whose values fill the columns after `points`.
  package init(ruleIDs: [String]) {
    self.ruleIDs = ruleIDs
    rows = []
  }

  /// Adds a file's report.
  ///
  /// - Parameter report: The report.
  package mutating func add(_ report: FileReport) {
    let values = ruleIDs.map { id in report.suggestions.first { $0.rule == id }?.lr }
    rows.append(
      Row(
        file: report.file, framework: report.framework, points: report.points,
        recommended: report.recommendation.lr, level: report.recommendation.level,
        confidence: report.recommendation.confidence, values: values))
  }

  /// Adds a file that failed.
  ///
  /// - Parameters:
  ///   - path: The file.
  ///   - error: Why it failed.
  package mutating func add(failed path: String, error: LRLensError) {
    rows.append(Row(file: path, values: ruleIDs.map { _ in nil }, error: error))
  }

  /// The table as aligned text, one line per row after the header: 3 significant digits, `-`
  /// for a rule without a value, `none` when lrlens refused, `error (exit N)` in the
  /// `framework` column for a failed file (its message went to stderr).
  ///
  /// - Returns: The text, ending with a newline.
  package func text() -> String {
    let body = rows.map { row -> [String] in
      if let error = row.error {
        return [row.file, "error (exit \(error.kind.exitCode))", "-", "-"]
          + ruleIDs.map { _ in "-" }
      }
      return [
        row.file, row.framework ?? "", row.points.map { "\($0)" } ?? "",
        row.recommended.map(FileReport.significant) ?? "none",
      ] + row.values.map { $0.map(FileReport.significant) ?? "-" }
    }
    let table = [header] + body
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
  /// Numbers have full precision (the shortest text that reads back as the same `Double`); a
  /// missing value (a rule without a suggestion, a refusal's rate, everything but the file of
  /// a failed one) is an empty cell. A failed file has its exit code and its error's problem
  /// in the last two columns, which are empty otherwise.
  ///
  /// - Returns: The CSV text, with a header line, ending with a newline.
  package func csv() -> String {
    let body = rows.map { row -> [String] in
      let number: (Double?) -> String = { $0.map { "\($0)" } ?? "" }
      return [
        row.file, row.framework ?? "", row.points.map { "\($0)" } ?? "", number(row.recommended),
        row.level ?? "", number(row.confidence),
      ] + row.values.map(number) + [
        row.error.map { "\($0.kind.exitCode)" } ?? "", row.error?.problem ?? "",
      ]
    }
    return ([csvHeader] + body).map { row in
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
