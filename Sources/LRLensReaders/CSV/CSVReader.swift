package import LRLensCore

/// Reads a learning-rate range test from delimited text with a header line.
///
/// Accepted: `,`, `;` or tab delimiters (sniffed from the header line), quoted fields, LF, CRLF
/// or CR line ends, a UTF-8 byte order mark, blank lines anywhere, and the shapes exporters
/// write: `lr,loss`, pandas' `,lr,loss` with its unnamed index column, Keras finders'
/// `batch,lr,loss`, Keras' `CSVLogger` with `NA` cells and an `lr` (tf.keras 2) or
/// `learning_rate` (Keras 3) column, fastai's per-group `lr_0`, `lr_1` columns, and
/// Lightning's `CSVLogger` `metrics.csv` with `LearningRateMonitor` columns (`lr-Adam`,
/// `lr-Adam/pg1`). ``ColumnMatcher`` picks the series from the header; only those columns are
/// read as numbers (see ``CellParser`` for the cell syntax), so other columns may hold any
/// text. Each point records the line of its learning rate.
///
/// An empty loss cell is a NaN loss (pandas writes NaN as an empty cell). A table with a
/// step column (`step`, `global_step`, `iteration` or `iter`) is a logger's table, whose rows hold only the keys logged by one call:
/// there, a row with an empty learning-rate cell is not a point, but its loss is joined to a
/// neighbouring row of the same step whose learning rate has no loss (Lightning's
/// `LearningRateMonitor` and `self.log` write separate rows for one step). A note counts the
/// joined rows and the rows left out. Without a step column an empty learning-rate cell is
/// an error, as in any other file.
package struct CSVReader: LogReader {
  /// The format this reader reads: `.csv`.
  package static let format = LogFormat.csv

  /// Creates a CSV reader.
  package init() {}

  /// Reads a whole CSV input.
  ///
  /// - Parameters:
  ///   - input: The input's bytes and path.
  ///   - options: The user's `--lr-column` and `--loss-column`.
  /// - Returns: The curve, and warnings about series lrlens could not use beside it.
  /// - Throws: `LRLensError` of kind `.badData` when the file is empty, has no header, no data
  ///   rows or no usable series, when a row's field count differs from the header's, or when a
  ///   chosen cell is not a number; of kind `.usage` when both options name the same column.
  /// - Complexity: O(n) in the size of the input.
  package func read(_ input: LogInput, options: ReadOptions) throws(LRLensError) -> ReadResult {
    var body = input.bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    let table = try CSVParser.parse(
      body, delimiter: CSVParser.sniffDelimiter(body), path: input.path)
    let path = input.path
    guard table.recordCount > 0 else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "the file is empty: expected a header line such as 'lr,loss' and data rows",
        fix: "check the path, or export the range test again")
    }
    let headerFields = table.fields(ofRecord: 0)
    let headerLine = table.line(ofField: headerFields.lowerBound)
    let names = headerFields.map { String(CellParser.trimmed(Substring(text(table.field($0))))) }
    let isNumber = { (name: String) in CellParser.value(Substring(name))?.isFinite == true }
    if names.contains(where: isNumber), names.allSatisfy({ $0.isEmpty || isNumber($0) }) {
      throw LRLensError(
        .badData, at: InputLocation(path: path, line: headerLine),
        problem: "expected a header line naming the columns, found numbers "
          + "'\(CellParser.excerpt(names.joined(separator: ",")))'",
        fix: "add a header line naming the columns, such as 'lr,loss'")
    }
    guard table.recordCount > 1 else {
      throw LRLensError(
        .badData, at: InputLocation(path: path, line: headerLine),
        problem: "expected data rows after the header, found none",
        fix: "export the range test again with its rows")
    }
    let headerLocation = InputLocation(path: path, line: headerLine)
    let choice = try ColumnMatcher.choose(from: names, options: options, at: headerLocation)
    let columns = Columns(choice: choice, names: names, table: table, path: path)
    return try columns.read(options: options)
  }
}

/// The chosen columns of a table, read into series.
private struct Columns {
  let choice: ColumnChoice
  let names: [String]
  let table: CSVTable
  let path: String

  /// Reads the chosen columns of every data row and assembles the curve.
  func read(options: ReadOptions) throws(LRLensError) -> ReadResult {
    for record in 1..<table.recordCount {
      let fields = table.fields(ofRecord: record)
      let line = table.line(ofField: fields.lowerBound)
      guard fields.count == names.count else {
        throw LRLensError(
          .badData, at: InputLocation(path: path, line: line),
          problem: "expected \(names.count) fields as in the header, found \(fields.count)",
          fix: "repair or delete line \(line)")
      }
    }
    let plan = try rowPlan()
    let lineNumbers = plan.rateRecords.map {
      table.line(ofField: table.fields(ofRecord: $0).lowerBound)
    }
    var wrappers: Set<String> = []
    let learningRates = try column(
      choice.learningRate, of: plan.rateRecords, flag: "--lr-column", wrappers: &wrappers)
    let losses = try column(
      choice.loss, of: plan.lossRecords, flag: "--loss-column", wrappers: &wrappers)
    var diagnostics = plan.notes
    var rawLosses: [Double]?
    if let raw = choice.rawLoss {
      do {
        rawLosses = try column(
          raw, of: plan.lossRecords, flag: "--loss-column", wrappers: &wrappers)
      } catch {
        diagnostics.append(ignored(raw, because: error))
      }
    }
    var groups: [ParameterGroup] = []
    for group in choice.parameterGroups {
      do {
        let values = try column(
          group, of: plan.rateRecords, flag: "--lr-column", wrappers: &wrappers)
        groups.append(ParameterGroup(name: names[group], learningRates: values))
      } catch {
        diagnostics.append(ignored(group, because: error))
        groups = []
        break
      }
    }
    for wrapper in wrappers.sorted() {
      diagnostics.append(
        Diagnostic(
          .note, at: InputLocation(path: path),
          "cells hold \(wrapper)(...) reprs; lrlens read their first argument"))
    }
    let parts = CurveParts(
      path: path, format: .csv, noun: "column", seriesNames: names,
      learningRateName: names[choice.learningRate], learningRates: learningRates,
      lossName: names[choice.loss], losses: losses,
      rawLossName: rawLosses == nil ? nil : choice.rawLoss.map { names[$0] },
      rawLosses: rawLosses, parameterGroups: groups, lineNumbers: lineNumbers,
      hasIndexColumn: names.first?.isEmpty == true && names.count > 1)
    return try CurveAssembler.result(parts, diagnostics: diagnostics) { index in
      let field = table.fields(ofRecord: plan.rateRecords[index]).lowerBound + choice.learningRate
      let line = table.line(ofField: field)
      return PointLocation(
        InputLocation(path: path, line: line, column: choice.learningRate + 1),
        repair: "repair or delete line \(line)",
        text: CellParser.excerpt(text(table.field(field))))
    }
  }

  /// The data records the points are read from, and notes about the rows left out or joined.
  ///
  /// Every data row is a point, unless the table has a step column (see ``CSVReader``).
  private func rowPlan() throws(LRLensError) -> RowPlan {
    let allRows = Array(1..<table.recordCount)
    let stepColumn = names.indices.first { index in
      SeriesNameClassifier.isStep(names[index]) && index != choice.learningRate
        && index != choice.loss
    }
    guard let stepColumn else {
      return RowPlan(rateRecords: allRows, lossRecords: allRows, notes: [])
    }
    var plan = RowPlan(rateRecords: [], lossRecords: [], notes: [])
    var skipped: [Int] = []
    var joinedCount = 0
    // A row holding only a learning rate or only a loss, waiting for the other at its step.
    var pending: (record: Int, hasRate: Bool, step: [UInt8])?
    func flush() {
      guard let waiting = pending else { return }
      if waiting.hasRate {
        plan.rateRecords.append(waiting.record)
        plan.lossRecords.append(waiting.record)
      } else {
        skipped.append(waiting.record)
      }
      pending = nil
    }
    for record in allRows {
      let hasRate = !isEmpty(record, column: choice.learningRate)
      let hasLoss = !isEmpty(record, column: choice.loss)
      if hasRate && hasLoss {
        flush()
        plan.rateRecords.append(record)
        plan.lossRecords.append(record)
      } else if !hasRate && !hasLoss {
        skipped.append(record)
      } else {
        let step = cellBytes(record, column: stepColumn)
        if let waiting = pending, waiting.hasRate != hasRate, !step.isEmpty, waiting.step == step {
          plan.rateRecords.append(hasRate ? record : waiting.record)
          plan.lossRecords.append(hasRate ? waiting.record : record)
          joinedCount += 1
          pending = nil
        } else {
          flush()
          pending = (record, hasRate, step)
        }
      }
    }
    flush()
    let rateName = names[choice.learningRate]
    guard !plan.rateRecords.isEmpty else {
      throw LRLensError(
        .badData, at: InputLocation(path: path, detail: "column '\(rateName)'"),
        problem: "expected learning rates in column '\(rateName)', found only empty cells",
        fix: "pick another column with --lr-column")
    }
    if let first = skipped.min() {
      let line = table.line(ofField: table.fields(ofRecord: first).lowerBound)
      plan.notes.append(
        Diagnostic(
          .note, at: InputLocation(path: path, line: line),
          "skipped \(skipped.count) \(skipped.count == 1 ? "row" : "rows") without a learning "
            + "rate in column '\(rateName)', a logger's rows for other keys (the first is here)"))
    }
    if joinedCount > 0 {
      plan.notes.append(
        Diagnostic(
          .note, at: InputLocation(path: path, detail: "column '\(names[stepColumn])'"),
          "joined \(joinedCount) learning rates to the losses logged on another row of the same "
            + "step"))
    }
    return plan
  }

  /// Whether a cell is empty or white space.
  private func isEmpty(_ record: Int, column: Int) -> Bool {
    let field = table.fields(ofRecord: record).lowerBound + column
    return table.withBytes(ofField: field) { bytes in
      bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
  }

  /// A cell's bytes without surrounding white space.
  private func cellBytes(_ record: Int, column: Int) -> [UInt8] {
    let bytes = table.field(table.fields(ofRecord: record).lowerBound + column)
    let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }),
      let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return [] }
    return Array(bytes[first...last])
  }

  /// Reads one column of some data rows as numbers.
  private func column(
    _ column: Int, of records: [Int], flag: String, wrappers: inout Set<String>
  ) throws(LRLensError) -> [Double] {
    var values: [Double] = []
    values.reserveCapacity(records.count)
    for record in records {
      let field = table.fields(ofRecord: record).lowerBound + column
      // Most cells are plain numbers: read them without building strings.
      let decimal = table.withBytes(ofField: field) { CellParser.decimal($0) }
      if let decimal {
        values.append(decimal)
        continue
      }
      let cell = try parse(field, column: column, flag: flag)
      if let wrapper = cell.wrapper { wrappers.insert(wrapper) }
      values.append(cell.value)
    }
    return values
  }

  /// Reads a cell that is not a plain decimal number.
  private func parse(_ field: Int, column: Int, flag: String) throws(LRLensError)
    -> CellParser.Cell
  {
    let name = names[column]
    let line = table.line(ofField: field)
    let location = InputLocation(path: path, line: line, column: column + 1)
    let fix = "repair or delete line \(line), or pick another column with \(flag)"
    guard let text = String(validating: table.field(field), as: UTF8.self) else {
      throw LRLensError(
        .badData, at: location,
        problem: "expected a number in column '\(name)', found bytes that are not UTF-8",
        fix: fix)
    }
    guard let cell = CellParser.parse(Substring(text)) else {
      throw LRLensError(
        .badData, at: location,
        problem: "expected a number in column '\(name)', found '\(CellParser.excerpt(text))'",
        fix: fix)
    }
    return cell
  }

  /// The warning for an extra column that could not be read.
  private func ignored(_ column: Int, because error: LRLensError) -> Diagnostic {
    Diagnostic(
      .warning, at: error.location, "ignored column '\(names[column])': \(error.problem)")
  }
}

/// The data records a table's points are read from.
private struct RowPlan {
  /// Per point, the record holding its learning rate (and parameter groups).
  var rateRecords: [Int]
  /// Per point, the record holding its loss (and raw loss): the same record unless a logger
  /// wrote the two on separate rows.
  var lossRecords: [Int]
  /// Notes about rows left out or joined.
  var notes: [Diagnostic]
}

/// A field's bytes as text, with invalid UTF-8 replaced.
private func text(_ bytes: ArraySlice<UInt8>) -> String {
  String(decoding: bytes, as: UTF8.self)
}
