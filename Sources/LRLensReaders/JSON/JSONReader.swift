package import LRLensCore

/// Reads a learning-rate range test from JSON.
///
/// Accepted shapes:
/// - an object of lists, `{"lr": [...], "loss": [...]}`, with any key names ``ColumnMatcher``
///   recognises: torch-lr-finder's `history`, Lightning's `results`, ignite's `get_results()`,
///   fastai's `{"lrs": ..., "losses": ...}`, Keras' `History.history`. A learning-rate list of
///   lists (ignite with several parameter groups, `"lr": [[g0, g1], ...]`) gives one parameter
///   group per position, and the last group is analysed;
/// - a list of `[lr, loss]` pairs (the MXNet Gluon tutorial's `LRFinder` results);
/// - a list of objects, `[{"lr": ..., "loss": ...}, ...]` (pandas' `to_json(orient='records')`).
///
/// Values may be numbers, `null` (NaN), Python's `NaN`, `Infinity` and `-Infinity` tokens, or
/// strings ``CellParser`` reads (`"NaN"`, `"tensor(2.3)"`). Numbers are read as Python's
/// `json` reads them: exactly, `1e400` as infinity and `1e-400` as 0.
///
/// ``JSONParser`` reads the text in one pass, keeping key order and the numbers' text, and
/// places every syntax error at its line and column in lrlens's own words; Foundation's JSON
/// parsers are not used (their JSON5 mode, the only one that accepts `NaN`, traps on malformed
/// exponents such as `1e-`, their number conversion rejects `0e5` and `1e-400`, and their error
/// texts differ between platforms).
package struct JSONReader: LogReader {
  /// The format this reader reads: `.json`.
  package static let format = LogFormat.json

  /// The deepest nesting of lists and objects accepted.
  package static let maximumDepth = JSONParser.maximumDepth

  /// Creates a JSON reader.
  package init() {}

  /// Reads a whole JSON input.
  ///
  /// - Parameters:
  ///   - input: The input's bytes and path.
  ///   - options: The user's `--lr-column` and `--loss-column` (key names).
  /// - Returns: The curve, and notes about the input.
  /// - Throws: `LRLensError` of kind `.badData` when the file is empty, not UTF-8, not valid
  ///   JSON, too deeply nested or too large, has a key twice in one object, is of an unknown
  ///   shape, or has no usable series; of kind `.usage` when both options name the same key.
  /// - Complexity: O(n) in the size of the input.
  package func read(_ input: LogInput, options: ReadOptions) throws(LRLensError) -> ReadResult {
    var body = input.bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    var parser = JSONParser(bytes: body, path: input.path)
    let root = try parser.parse()
    return try ShapeReader(path: input.path, options: options).read(root)
  }
}

// MARK: - Shapes

/// Turns a decoded value of one of the accepted shapes into a curve.
private struct ShapeReader {
  let path: String
  let options: ReadOptions

  func read(_ root: JSONValue) throws(LRLensError) -> ReadResult {
    switch root {
    case .object(let object): return try readObjectOfLists(object)
    case .array(let items): return try readList(items)
    default:
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "expected an object of lists or a list of [lr, loss] pairs, found "
          + root.quoted,
        fix: "export the range test as {\"lr\": [...], \"loss\": [...]}")
    }
  }

  // MARK: Object of lists

  private func readObjectOfLists(_ object: JSONObject) throws(LRLensError) -> ReadResult {
    let names = object.keys
    let listNames = names.filter {
      if case .array = object[$0] { return true }
      return false
    }
    guard !listNames.isEmpty else {
      let keys = names.prefix(20).map { "'\(CellParser.excerpt($0))'" }.joined(separator: ", ")
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "expected an object of lists, found no list among its keys"
          + (keys.isEmpty ? "" : " (\(keys))"),
        fix: "export the range test as {\"lr\": [...], \"loss\": [...]}")
    }
    let choice = try ColumnMatcher.choose(
      from: listNames, options: options, at: InputLocation(path: path), noun: "key")
    let learningRateName = listNames[choice.learningRate]
    let lossName = listNames[choice.loss]
    let learningRateValues = list(object[learningRateName])
    let read = { (key: String, flag: String) throws(LRLensError) -> [Double] in
      try numbers(list(object[key]), key: key, flag: flag)
    }
    let learningRates: [Double]
    var extras: Extras
    if learningRateValues.contains(where: { if case .array = $0 { true } else { false } }) {
      var groups = try groupsOfLists(learningRateValues, key: learningRateName)
      learningRates = groups.last?.learningRates ?? []
      if groups.count == 1 { groups = [] }
      extras = readExtras(rawLoss: choice.rawLoss.map { listNames[$0] }, groups: [], read: read)
      extras.groups = groups
    } else {
      learningRates = try read(learningRateName, "--lr-column")
      extras = readExtras(
        rawLoss: choice.rawLoss.map { listNames[$0] },
        groups: choice.parameterGroups.map { listNames[$0] }, read: read)
    }
    let losses = try read(lossName, "--loss-column")
    let parts = CurveParts(
      path: path, format: .json, noun: "key", seriesNames: names,
      learningRateName: learningRateName, learningRates: learningRates, lossName: lossName,
      losses: losses, rawLossName: extras.rawLossName, rawLosses: extras.rawLosses,
      parameterGroups: extras.groups)
    return try CurveAssembler.result(parts, diagnostics: extras.diagnostics) { index in
      PointLocation(
        InputLocation(path: path, detail: "key '\(learningRateName)', index \(index)"),
        repair: "repair the value at index \(index) of key '\(learningRateName)'",
        text: learningRateValues[index].text)
    }
  }

  /// The elements of a list value.
  private func list(_ value: JSONValue?) -> [JSONValue] {
    if case .array(let values) = value { return values }
    return []
  }

  /// The numbers of a list under a key.
  private func numbers(_ values: [JSONValue], key: String, flag: String) throws(LRLensError)
    -> [Double]
  {
    var numbers: [Double] = []
    numbers.reserveCapacity(values.count)
    for (index, value) in values.enumerated() {
      guard let number = value.number else {
        throw LRLensError(
          .badData, at: InputLocation(path: path, detail: "key '\(key)', index \(index)"),
          problem: "expected a number in key '\(key)', found \(value.quoted)",
          fix: "repair the value at index \(index) of key '\(key)', or pick another key with "
            + flag)
      }
      numbers.append(number)
    }
    return numbers
  }

  /// ignite's learning rates with several parameter groups: one list of per-group rates per
  /// point.
  private func groupsOfLists(_ values: [JSONValue], key: String) throws(LRLensError)
    -> [ParameterGroup]
  {
    var groupCount = 0
    var groups: [[Double]] = []
    for (index, value) in values.enumerated() {
      let location = InputLocation(path: path, detail: "key '\(key)', index \(index)")
      let fix = "repair the value at index \(index) of key '\(key)'"
      guard case .array(let rates) = value, !rates.isEmpty else {
        throw LRLensError(
          .badData, at: location,
          problem: "expected a list of per-group learning rates as at index 0, found "
            + (value.isEmptyList ? "an empty list" : value.quoted),
          fix: fix)
      }
      if index == 0 {
        groupCount = rates.count
        groups = Array(repeating: [], count: groupCount)
      }
      guard rates.count == groupCount else {
        throw LRLensError(
          .badData, at: location,
          problem: "expected \(groupCount) per-group learning rates as at index 0, found "
            + "\(rates.count)",
          fix: fix)
      }
      for (group, rate) in rates.enumerated() {
        guard let number = rate.number else {
          throw LRLensError(
            .badData, at: location,
            problem: "expected a number for group \(group) in key '\(key)', found \(rate.quoted)",
            fix: fix + ", or pick another key with --lr-column")
        }
        groups[group].append(number)
      }
    }
    return groups.enumerated().map { ParameterGroup(name: "group \($0)", learningRates: $1) }
  }

  // MARK: Lists

  private func readList(_ items: [JSONValue]) throws(LRLensError) -> ReadResult {
    guard let first = items.first else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "expected a list of [lr, loss] pairs, found an empty list",
        fix: "export the range test again")
    }
    if case .object = first { return try readListOfObjects(items) }
    var learningRates: [Double] = []
    var losses: [Double] = []
    learningRates.reserveCapacity(items.count)
    losses.reserveCapacity(items.count)
    for (index, item) in items.enumerated() {
      let location = InputLocation(path: path, detail: "item \(index)")
      let fix = "repair or delete item \(index)"
      guard case .array(let pair) = item, pair.count == 2 else {
        let found: String
        if case .array(let values) = item {
          found = "a list of \(values.count) values"
        } else {
          found = item.quoted
        }
        throw LRLensError(
          .badData, at: location, problem: "expected an [lr, loss] pair, found \(found)",
          fix: fix)
      }
      for (position, value) in pair.enumerated() {
        guard let number = value.number else {
          let role = position == 0 ? "learning rate" : "loss"
          throw LRLensError(
            .badData, at: location,
            problem: "expected a number as the \(role), found \(value.quoted)", fix: fix)
        }
        if position == 0 { learningRates.append(number) } else { losses.append(number) }
      }
    }
    var diagnostics: [Diagnostic] = []
    if options.learningRateColumn != nil || options.lossColumn != nil {
      diagnostics.append(
        Diagnostic(
          .warning, at: InputLocation(path: path),
          "--lr-column and --loss-column are ignored: the file is a list of [lr, loss] pairs"))
    }
    let parts = CurveParts(
      path: path, format: .json, noun: "key", seriesNames: [], learningRateName: "lr",
      learningRates: learningRates, lossName: "loss", losses: losses, isPairList: true)
    return try CurveAssembler.result(parts, diagnostics: diagnostics) { index in
      var text: String?
      if case .array(let pair) = items[index] { text = pair[0].text }
      return PointLocation(
        InputLocation(path: path, detail: "item \(index)"),
        repair: "repair or delete item \(index)", text: text)
    }
  }

  /// A list of records, `[{"lr": 1e-07, "loss": 2.3}, ...]`.
  private func readListOfObjects(_ items: [JSONValue]) throws(LRLensError) -> ReadResult {
    var objects: [JSONObject] = []
    var names: [String] = []
    var seen: Set<String> = []
    for (index, item) in items.enumerated() {
      guard case .object(let object) = item else {
        throw LRLensError(
          .badData, at: InputLocation(path: path, detail: "item \(index)"),
          problem: "expected an object as at item 0, found \(item.quoted)",
          fix: "repair or delete item \(index)")
      }
      objects.append(object)
      for key in object.keys where seen.insert(key).inserted { names.append(key) }
    }
    let choice = try ColumnMatcher.choose(
      from: names, options: options, at: InputLocation(path: path), noun: "key")
    func column(_ key: String, flag: String) throws(LRLensError) -> [Double] {
      var values: [Double] = []
      values.reserveCapacity(objects.count)
      for (index, object) in objects.enumerated() {
        let location = InputLocation(path: path, detail: "item \(index), key '\(key)'")
        let fix = "repair or delete item \(index), or pick another key with \(flag)"
        guard let value = object[key] else {
          throw LRLensError(
            .badData, at: InputLocation(path: path, detail: "item \(index)"),
            problem: "expected key '\(key)' as in other items, found none", fix: fix)
        }
        guard let number = value.number else {
          throw LRLensError(
            .badData, at: location,
            problem: "expected a number in key '\(key)', found \(value.quoted)", fix: fix)
        }
        values.append(number)
      }
      return values
    }
    let learningRateName = names[choice.learningRate]
    let lossName = names[choice.loss]
    let learningRates = try column(learningRateName, flag: "--lr-column")
    let losses = try column(lossName, flag: "--loss-column")
    let extras = readExtras(
      rawLoss: choice.rawLoss.map { names[$0] },
      groups: choice.parameterGroups.map { names[$0] }, read: column)
    let parts = CurveParts(
      path: path, format: .json, noun: "key", seriesNames: names,
      learningRateName: learningRateName, learningRates: learningRates, lossName: lossName,
      losses: losses, rawLossName: extras.rawLossName, rawLosses: extras.rawLosses,
      parameterGroups: extras.groups)
    return try CurveAssembler.result(parts, diagnostics: extras.diagnostics) { index in
      PointLocation(
        InputLocation(path: path, detail: "item \(index), key '\(learningRateName)'"),
        repair: "repair or delete item \(index)", text: objects[index][learningRateName]?.text)
    }
  }

  // MARK: Extra series

  /// Raw losses and per-group learning rates, read beside the analysed series.
  private struct Extras {
    var rawLossName: String?
    var rawLosses: [Double]?
    var groups: [ParameterGroup] = []
    var diagnostics: [Diagnostic] = []
  }

  /// Reads the raw losses and the parameter groups' learning rates.
  ///
  /// The analysis does not need them, so one that cannot be read is left out with a warning
  /// instead of failing the read.
  private func readExtras(
    rawLoss: String?, groups: [String],
    read: (_ key: String, _ flag: String) throws(LRLensError) -> [Double]
  ) -> Extras {
    var extras = Extras()
    if let rawLoss {
      do {
        extras.rawLosses = try read(rawLoss, "--loss-column")
        extras.rawLossName = rawLoss
      } catch {
        extras.diagnostics.append(ignored(rawLoss, because: error))
      }
    }
    for group in groups where groups.count > 1 {
      do {
        extras.groups.append(
          ParameterGroup(name: group, learningRates: try read(group, "--lr-column")))
      } catch {
        extras.diagnostics.append(ignored(group, because: error))
        extras.groups = []
        break
      }
    }
    return extras
  }

  /// The warning for an extra series that could not be read.
  private func ignored(_ key: String, because error: LRLensError) -> Diagnostic {
    Diagnostic(.warning, at: error.location, "ignored key '\(key)': \(error.problem)")
  }
}
