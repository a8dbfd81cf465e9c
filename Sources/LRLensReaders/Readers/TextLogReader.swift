package import LRLensCore

/// Reads a learning-rate range test from a text log with one record per line.
///
/// Each line is searched for `key=value` and `key: value` pairs whose value is a number
/// (`lr=0.001`, `loss: 2.3026`, `'lr': 1e-05`, `loss=tensor(2.30)`, `nan`, `inf`), so any
/// prefix the logging module adds (`INFO:root:`, `2019-01-01 12:00:00,000 `, `Node[0]`) is
/// skipped. MXNet's batch-end lines are understood too:
/// - Speedometer: `Epoch[0] Batch [100-200]\tSpeed: 1234.56 samples/sec\taccuracy=0.5\t`
///   `cross-entropy=1.23`, with `Batch [200]`, `Batch [0-200]` and `Iter[0] Batch [200]`
///   variants and older metric names such as `Train-accuracy=`;
/// - learning-rate callbacks that print `Epoch[0] Batch [200]\tLearningRate: 0.001000` or
///   `lr=0.001000` on a line of their own.
///
/// The learning-rate key is, by priority, `lr`, `lrs`, `learning_rate`, `learning-rate`,
/// `LearningRate` (any letter case); then per-group keys (`lr_0`, `lr_1`, `lr-Adam`,
/// `lr-Adam/pg1`, `learning_rate_...`), of which the last is analysed and all are reported as
/// parameter groups; then any other key containing `lr` or `learning_rate`. The loss key is
/// `loss`, `smooth_loss`, `cross-entropy`, `ce`, `nll`, `nll-loss` and similar, with or without
/// a `train-`, `train_` or `train/` prefix, by that priority, then any other key containing
/// `loss`, `entropy` or `nll`. Keys of validation or test metrics (`val_loss`, `valid_loss`,
/// `Validation-cross-entropy`, `test/loss`) never qualify. `--lr-column` and `--loss-column`
/// name keys instead.
///
/// A line carrying both keys is a point. A line carrying only one of them is joined with the
/// next line that carries the other when both are at the same batch (`Epoch[e] Batch [b]`, or
/// the same `step`, `global_step`, `iteration` or `iter` value), as MXNet's learning-rate
/// callbacks print beside the Speedometer. Every other line is skipped, and a note counts them.
///
/// Learning rates printed with too few digits are flagged: a warning names the first line
/// whose learning rate has fewer than 3 significant digits at the finest decimal place the log
/// prints (`lr=0.000001` from `%f`) or repeats the previous learning rate although the loss
/// changed. A learning rate printed as 0 (`lr=0.000000`) cannot be placed on a log axis: such
/// points are dropped with a warning naming their lines.
///
/// The provenance records each point's line; a log of MXNet batch lines is attributed to
/// MXNet. The inventory lists every key seen with the number of lines carrying it.
package struct TextLogReader: LogReader {
  /// The format this reader reads: `.text`.
  package static let format = LogFormat.text

  /// Creates a text-log reader.
  package init() {}

  /// Whether an input looks like a text log this reader can read, judged from its start.
  ///
  /// The first 64 KiB are examined. A line is a log record when it holds an MXNet batch
  /// pattern (`Epoch[0] Batch [100]`, `Iter[0] Batch [100]`) or a numeric pair with a
  /// learning-rate-like or loss-like key. The input is recognised when, from its first record
  /// on, at least 2 of the next 50 non-blank lines and at least half of them are records, and
  /// it has a learning-rate-like key, a loss-like key or MXNet batch lines. Input that starts
  /// like JSON (`{"`, `[[`, `[{`, `[1.5,`) is never recognised, and delimited files are not,
  /// since their rows hold no `key=value` pairs.
  ///
  /// - Parameter input: The input.
  /// - Returns: `true` when the input should be read as a text log.
  /// - Complexity: O(1): at most 64 KiB are scanned.
  package static func recognizes(_ input: LogInput) -> Bool {
    let limit = 64 * 1024
    let bytes = Array(input.bytes.prefix(limit))
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    if LineScanner.startsLikeJSON(bytes, from: start) { return false }
    var window = 0
    var records = 0
    var hasLearningRate = false
    var hasLoss = false
    var hasBatchLines = false
    LineScanner.forEachLine(in: bytes, from: start) { _, lower, upper in
      // A line cut by the limit is not judged.
      if upper == bytes.count && bytes.count == limit { return false }
      let scan = LineScanner.scan(bytes, lower..<upper)
      var isRecord = scan.batch != nil
      hasBatchLines = hasBatchLines || scan.batch != nil
      for pair in scan.pairs {
        let key = String(decoding: bytes[pair.keyStart..<pair.keyEnd], as: UTF8.self)
        if SeriesNameClassifier.learningRateRank(key) != nil {
          hasLearningRate = true
          isRecord = true
        } else if SeriesNameClassifier.lossRank(key) != nil {
          hasLoss = true
          isRecord = true
        }
      }
      if isRecord { records += 1 }
      if records > 0 { window += 1 }
      return window < 50
    }
    return records >= 2 && 2 * records >= window && (hasLearningRate || hasLoss || hasBatchLines)
  }

  /// Reads a whole text log.
  ///
  /// - Parameters:
  ///   - input: The input's bytes and path.
  ///   - options: The user's `--lr-column` and `--loss-column` (key names).
  /// - Returns: The curve, notes about skipped and joined lines, and warnings about learning
  ///   rates printed with too few digits.
  /// - Throws: `LRLensError` of kind `.badData` when the log is empty, holds no numeric pairs,
  ///   no learning-rate or loss key, no line (or pair of lines) with both, fewer than 3 points
  ///   once learning rates printed as 0 are dropped, a learning rate below 0, or no finite
  ///   loss; of kind `.usage` when both options name the same key.
  /// - Complexity: O(n) in the size of the input.
  package func read(_ input: LogInput, options: ReadOptions) throws(LRLensError) -> ReadResult {
    let path = input.path
    let bytes = input.bytes
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let log = ScannedLog(bytes, from: start)
    guard log.nonBlankLineCount > 0 else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "the file is empty: expected log lines with a learning rate and a loss, such "
          + "as 'lr=0.001 loss=2.3'",
        fix: "check the path, or log the range test again")
    }
    guard !log.names.isEmpty else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "expected 'key=value' or 'key: value' pairs with numbers, found none in "
          + "\(log.nonBlankLineCount) lines",
        fix: "check that this is a training log, or read it as another format with --format")
    }
    let choice = try KeyChooser.choose(
      from: log.names, lineCounts: log.lineCounts, options: options, path: path)
    let collector = PointCollector(log: log, bytes: bytes, choice: choice, path: path)
    return try collector.read()
  }
}

// MARK: - Lines and pairs

/// One numeric `key=value` or `key: value` pair of a line, as byte offsets into the input.
private struct RawPair {
  /// The first byte of the key (inside any quotes).
  var keyStart: Int
  /// Just past the key's last byte.
  var keyEnd: Int
  /// The first byte of the value.
  var valueStart: Int
  /// Just past the value's last byte.
  var valueEnd: Int
  /// The value.
  var value: Double
}

/// What one line holds: its numeric pairs and, for MXNet batch lines, the batch.
private struct LineScan {
  /// The numeric pairs, in line order; MXNet's `Epoch[n]`, `Iter[n]` and `Batch [a-b]`
  /// tokens are among them as keys `Epoch`, `Iter` and `Batch`.
  var pairs: [RawPair] = []
  /// The epoch (or iteration) and the last batch of an MXNet batch line.
  var batch: (epoch: Double, batch: Double)?
}

/// Splits text into lines and finds the pairs on a line.
private enum LineScanner {
  /// Calls a closure with each non-blank line's 1-based number and byte range, in order.
  ///
  /// Lines end at LF, CRLF or CR. The walk stops when the closure returns `false`.
  static func forEachLine(
    in bytes: [UInt8], from start: Int, _ body: (Int, Int, Int) -> Bool
  ) {
    var line = 1
    var lower = start
    var index = start
    while index <= bytes.count {
      let isEnd = index == bytes.count
      let byte: UInt8 = isEnd ? 0x0A : bytes[index]
      if byte == 0x0A || byte == 0x0D {
        if !isBlank(bytes, lower..<index), !body(line, lower, index) { return }
        if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        line += 1
        lower = index + 1
      }
      index += 1
    }
  }

  /// Whether a range holds only spaces and tabs.
  static func isBlank(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
    bytes[range].allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// Whether the text starts like JSON: `{"`, or `[` followed by `[`, `{`, `"`, `]` or a JSON
  /// literal (number, `NaN`, `Infinity`, `null`, `true`, `false`) and then `,` or `]`.
  static func startsLikeJSON(_ bytes: [UInt8], from start: Int) -> Bool {
    let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    guard let first = bytes[start...].firstIndex(where: { !isSpace($0) }) else { return false }
    guard bytes[first] == UInt8(ascii: "{") || bytes[first] == UInt8(ascii: "[") else {
      return false
    }
    guard let next = bytes[(first + 1)...].firstIndex(where: { !isSpace($0) }) else {
      return false
    }
    if bytes[first] == UInt8(ascii: "{") { return bytes[next] == UInt8(ascii: "\"") }
    if "[{\"]".utf8.contains(bytes[next]) { return true }
    var end = next
    while end < bytes.count, isValueByte(bytes[end]) { end += 1 }
    let token = String(decoding: bytes[next..<end], as: UTF8.self)
    let literals: Set<String> = ["NaN", "Infinity", "-Infinity", "null", "true", "false"]
    guard literals.contains(token) || CellParser.value(Substring(token))?.isFinite == true
    else { return false }
    guard let after = bytes[end...].firstIndex(where: { !isSpace($0) }) else { return false }
    return bytes[after] == UInt8(ascii: ",") || bytes[after] == UInt8(ascii: "]")
  }

  /// Finds the numeric pairs and the MXNet batch tokens of one line.
  ///
  /// A key is a run of letters, digits, `_`, `-`, `.` and `/` starting with a letter, or any
  /// quoted text starting with a letter, before `=` or `:` (spaces allowed around them). A
  /// value is a decimal number, a NaN or infinity spelling, or a tensor repr
  /// (`tensor(2.3, device='cuda:0')`); anything else (`root`, `12.3s`) is not a pair.
  static func scan(_ bytes: [UInt8], _ range: Range<Int>) -> LineScan {
    var result = LineScan()
    var epoch: RawPair?
    var batch: RawPair?
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      if byte == UInt8(ascii: "="), index + 1 < range.upperBound,
        bytes[index + 1] == UInt8(ascii: "=")
      {
        index += 2
        continue
      }
      if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":"),
        let pair = pair(bytes, separator: index, in: range)
      {
        result.pairs.append(pair)
        index = pair.valueEnd
        continue
      }
      if epoch == nil, byte == UInt8(ascii: "E") || byte == UInt8(ascii: "I"),
        let token = bracketed(bytes, at: index, in: range, names: ["Epoch", "Iter"])
      {
        epoch = token
        result.pairs.append(token)
        index = token.valueEnd
        continue
      }
      if batch == nil, byte == UInt8(ascii: "B"),
        let token = bracketed(bytes, at: index, in: range, names: ["Batch"])
      {
        batch = token
        result.pairs.append(token)
        index = token.valueEnd
        continue
      }
      index += 1
    }
    if let epoch, let batch { result.batch = (epoch.value, batch.value) }
    return result
  }

  /// The pair whose `=` or `:` is at `separator`, if the text around it is one.
  private static func pair(_ bytes: [UInt8], separator: Int, in range: Range<Int>) -> RawPair? {
    let lower = range.lowerBound
    var end = separator
    while end > lower, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    guard end > lower else { return nil }
    var keyStart = end
    var keyEnd = end
    let last = bytes[end - 1]
    if last == UInt8(ascii: "'") || last == UInt8(ascii: "\"") {
      guard let open = bytes[lower..<(end - 1)].lastIndex(of: last) else { return nil }
      keyStart = open + 1
      keyEnd = end - 1
    } else {
      while keyStart > lower, isKeyByte(bytes[keyStart - 1]) { keyStart -= 1 }
    }
    guard keyStart < keyEnd, isLetter(bytes[keyStart]) else { return nil }
    var valueStart = separator + 1
    while valueStart < range.upperBound,
      bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09
    {
      valueStart += 1
    }
    guard let (valueEnd, value) = number(bytes, at: valueStart, in: range) else { return nil }
    return RawPair(
      keyStart: keyStart, keyEnd: keyEnd, valueStart: valueStart, valueEnd: valueEnd,
      value: value)
  }

  /// The number starting at `start`: its end and value.
  private static func number(_ bytes: [UInt8], at start: Int, in range: Range<Int>)
    -> (Int, Double)?
  {
    var end = start
    while end < range.upperBound, isValueByte(bytes[end]) { end += 1 }
    guard end > start else { return nil }
    if end < range.upperBound, bytes[end] == UInt8(ascii: "(") {
      guard let close = closingParenthesis(bytes, from: end, in: range) else { return nil }
      let text = String(decoding: bytes[start...close], as: UTF8.self)
      guard let cell = CellParser.parse(Substring(text)), cell.wrapper != nil else { return nil }
      return (close + 1, cell.value)
    }
    let decimal = bytes.withUnsafeBufferPointer {
      CellParser.decimal(UnsafeBufferPointer(rebasing: $0[start..<end]))
    }
    if let decimal { return (end, decimal) }
    guard end - start <= 9 else { return nil }
    let text = String(decoding: bytes[start..<end], as: UTF8.self).lowercased()
    var unsigned = Substring(text)
    var sign = 1.0
    if let first = unsigned.first, first == "+" || first == "-" {
      sign = first == "-" ? -1 : 1
      unsigned = unsigned.dropFirst()
    }
    switch unsigned {
    case "nan": return (end, .nan)
    case "inf", "infinity": return (end, sign * .infinity)
    default: return nil
    }
  }

  /// The index of the `)` closing the `(` at `open`, skipping nested brackets and quotes.
  private static func closingParenthesis(_ bytes: [UInt8], from open: Int, in range: Range<Int>)
    -> Int?
  {
    var depth = 0
    var quote: UInt8?
    for index in open..<range.upperBound {
      let byte = bytes[index]
      if let open = quote {
        if byte == open { quote = nil }
        continue
      }
      switch byte {
      case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = byte
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth -= 1
        if depth == 0 { return byte == UInt8(ascii: ")") ? index : nil }
      default: break
      }
    }
    return nil
  }

  /// An MXNet counter token at `start`: `Epoch[3]`, `Iter[3]`, `Batch [200]`, `Batch[200]` or
  /// `Batch [100-200]` (whose value is the last batch, 200).
  private static func bracketed(
    _ bytes: [UInt8], at start: Int, in range: Range<Int>, names: [String]
  ) -> RawPair? {
    if start > range.lowerBound, isLetter(bytes[start - 1]) { return nil }
    guard let name = names.first(where: { bytes[start...].starts(with: $0.utf8) }) else {
      return nil
    }
    var index = start + name.utf8.count
    while index < range.upperBound, bytes[index] == 0x20 { index += 1 }
    guard index < range.upperBound, bytes[index] == UInt8(ascii: "[") else { return nil }
    var digits = digitRun(bytes, from: index + 1, in: range)
    if name == "Batch", digits.upperBound < range.upperBound,
      bytes[digits.upperBound] == UInt8(ascii: "-"), !digits.isEmpty
    {
      digits = digitRun(bytes, from: digits.upperBound + 1, in: range)
    }
    guard !digits.isEmpty, digits.count <= 15, digits.upperBound < range.upperBound,
      bytes[digits.upperBound] == UInt8(ascii: "]"),
      let value = Double(String(decoding: bytes[digits], as: UTF8.self))
    else { return nil }
    return RawPair(
      keyStart: start, keyEnd: start + name.utf8.count, valueStart: digits.lowerBound,
      valueEnd: digits.upperBound, value: value)
  }

  /// The run of ASCII digits starting at `start`.
  private static func digitRun(_ bytes: [UInt8], from start: Int, in range: Range<Int>)
    -> Range<Int>
  {
    var end = start
    while end < range.upperBound, isDigit(bytes[end]) { end += 1 }
    return start..<end
  }

  /// Whether a byte may be part of an unquoted key.
  static func isKeyByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
  }

  /// Whether a byte may be part of a value token.
  static func isValueByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
      || byte == UInt8(ascii: "-")
  }

  /// Whether a byte is an ASCII letter.
  static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
  }

  /// Whether a byte is an ASCII digit.
  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }
}

// MARK: - The scanned log

/// Where a line sits in training, for joining a learning rate and a loss printed on two lines.
private enum Position: Equatable {
  /// An MXNet batch line's epoch (or iteration) and last batch.
  case batch(Double, Double)
  /// A `step`, `global_step`, `iteration` or `iter` value.
  case step(Double)
}

/// Every line of a log that holds numeric pairs, with its pairs, in flat arrays.
private struct ScannedLog {
  /// Every key, in the order first seen.
  private(set) var names: [String] = []
  /// Per key, the number of lines carrying it.
  private(set) var lineCounts: [Int] = []
  /// Per key, the number of its values that are NaN or infinite.
  private(set) var nonFiniteCounts: [Int] = []
  /// The number of lines that are not blank.
  private(set) var nonBlankLineCount = 0
  /// The first non-blank line holding no pair, if any.
  private(set) var firstLineWithoutPairs: Int?

  /// Per record (a line with pairs), its 1-based line number.
  private(set) var lines: [Int] = []
  /// Per record, the byte offset its line starts at.
  private(set) var lineStarts: [Int] = []
  /// Per record, the index in the pair arrays just past its last pair.
  private(set) var pairEnds: [Int] = []
  /// Per record, its position in training, if it has one.
  private(set) var positions: [Position?] = []
  /// Per record, whether it is an MXNet batch line.
  private(set) var isBatchLine: [Bool] = []

  /// Per pair, its key's index in `names`.
  private(set) var pairKeys: [Int] = []
  /// Per pair, its value.
  private(set) var pairValues: [Double] = []
  /// Per pair, the byte range of its value in the input.
  private(set) var pairValueRanges: [Range<Int>] = []

  /// Scans a whole input.
  init(_ bytes: [UInt8], from start: Int) {
    var keyIndex: [ArraySlice<UInt8>: Int] = [:]
    var isStepKey: [Bool] = []
    LineScanner.forEachLine(in: bytes, from: start) { line, lower, upper in
      nonBlankLineCount += 1
      let scan = LineScanner.scan(bytes, lower..<upper)
      guard !scan.pairs.isEmpty else {
        if firstLineWithoutPairs == nil { firstLineWithoutPairs = line }
        return true
      }
      var position = scan.batch.map { Position.batch($0.epoch, $0.batch) }
      let firstPair = pairKeys.count
      for pair in scan.pairs {
        let keyBytes = bytes[pair.keyStart..<pair.keyEnd]
        let key: Int
        if let known = keyIndex[keyBytes] {
          key = known
        } else {
          key = names.count
          keyIndex[keyBytes] = key
          let name = String(decoding: keyBytes, as: UTF8.self)
          names.append(name)
          isStepKey.append(SeriesNameClassifier.isStep(name))
          lineCounts.append(0)
          nonFiniteCounts.append(0)
        }
        // A key printed twice on a line counts once: its first value is used.
        guard !pairKeys[firstPair...].contains(key) else { continue }
        lineCounts[key] += 1
        if !pair.value.isFinite { nonFiniteCounts[key] += 1 }
        if position == nil, isStepKey[key] { position = .step(pair.value) }
        pairKeys.append(key)
        pairValues.append(pair.value)
        pairValueRanges.append(pair.valueStart..<pair.valueEnd)
      }
      lines.append(line)
      lineStarts.append(lower)
      pairEnds.append(pairKeys.count)
      positions.append(position)
      isBatchLine.append(scan.batch != nil)
      return true
    }
  }

  /// The number of records.
  var recordCount: Int { lines.count }

  /// The index of a record's pair with a key, if the record has one.
  func pair(of key: Int, inRecord record: Int) -> Int? {
    let lower = record == 0 ? 0 : pairEnds[record - 1]
    return (lower..<pairEnds[record]).first { pairKeys[$0] == key }
  }
}

// MARK: - Choosing keys

/// The keys a log's points are read from, as indices into its key names.
private struct KeyChoice {
  /// The learning-rate key.
  var learningRate: Int
  /// The loss key.
  var loss: Int
  /// Every parameter group's key, `learningRate` (the last) included, when there are several.
  var parameterGroups: [Int]
}

/// Picks the learning-rate and loss keys of a text log (see ``TextLogReader``), with the
/// meaning of each key from ``SeriesNameClassifier``.
private enum KeyChooser {
  /// Chooses the keys to read.
  ///
  /// Keys carried by fewer lines than a range test has points (such as `lr=0.1` in a line
  /// echoing the script's arguments) are considered only when no other key qualifies.
  static func choose(
    from names: [String], lineCounts: [Int], options: ReadOptions, path: String
  ) throws(LRLensError) -> KeyChoice {
    let location = InputLocation(path: path)
    let isFrequent = names.indices.map { lineCounts[$0] >= CurveAssembler.minimumPointCount }
    var groups: [Int] = []
    let learningRate: Int
    if let requested = options.learningRateColumn {
      learningRate = try find(requested, in: names, flag: "--lr-column", at: location)
    } else {
      var ranks = names.map(SeriesNameClassifier.learningRateRank)
      if ranks.indices.contains(where: { ranks[$0] != nil && isFrequent[$0] }) {
        ranks = ranks.indices.map { isFrequent[$0] ? ranks[$0] : nil }
      }
      if let exact = ranks.firstIndex(of: .exact) {
        learningRate = exact
      } else if let last = ranks.lastIndex(of: .parameterGroup) {
        learningRate = last
        let all = ranks.indices.filter { ranks[$0] == .parameterGroup }
        groups = all.count > 1 ? all : []
      } else if let other = ranks.firstIndex(of: .other) {
        learningRate = other
      } else {
        throw LRLensError(
          .badData, at: location,
          problem: "found no learning-rate key among \(list(names))",
          fix: "name the learning-rate key with --lr-column, or log the learning rate on each "
            + "line (MXNet's Speedometer does not)")
      }
    }
    let loss: Int
    if let requested = options.lossColumn {
      loss = try find(requested, in: names, flag: "--loss-column", at: location)
      guard loss != learningRate else {
        throw LRLensError(
          .usage, at: location,
          problem: "--lr-column and --loss-column both name key '\(names[loss])'",
          fix: "name two different keys with --lr-column and --loss-column")
      }
    } else {
      var ranked = names.indices.compactMap { index -> (Int, Int)? in
        guard index != learningRate, let rank = SeriesNameClassifier.lossRank(names[index]) else {
          return nil
        }
        return (rank, index)
      }
      if ranked.contains(where: { isFrequent[$0.1] }) {
        ranked.removeAll { !isFrequent[$0.1] }
      }
      guard let best = ranked.min(by: { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }) else {
        throw LRLensError(
          .badData, at: location, problem: "found no loss key among \(list(names))",
          fix: "name the loss key with --loss-column")
      }
      loss = best.1
    }
    return KeyChoice(learningRate: learningRate, loss: loss, parameterGroups: groups)
  }

  /// The index of the key a flag names: exactly, or else the one key equal to it ignoring
  /// letter case.
  private static func find(
    _ requested: String, in names: [String], flag: String, at location: InputLocation
  ) throws(LRLensError) -> Int {
    if let exact = names.firstIndex(of: requested) { return exact }
    let matches = names.indices.filter { names[$0].lowercased() == requested.lowercased() }
    if matches.count == 1 { return matches[0] }
    throw LRLensError(
      .badData, at: location, problem: "there is no key '\(requested)' (from \(flag))",
      fix: "pick one of \(list(names)) with \(flag)")
  }

  /// The names quoted for a message, at most 20.
  private static func list(_ names: [String]) -> String {
    let limit = 20
    let quoted = names.prefix(limit).map { "'\(CellParser.excerpt($0))'" }
    return quoted.joined(separator: ", ") + (names.count > limit ? ", ..." : "")
  }
}

// MARK: - Points

/// One point: the records its learning rate and loss come from.
private struct Point {
  /// The record holding the learning rate.
  var learningRateRecord: Int
  /// The pair holding the learning rate.
  var learningRatePair: Int
  /// The learning rate.
  var learningRate: Double
  /// The record holding the loss (the same record unless two lines were joined).
  var lossRecord: Int
  /// The loss.
  var loss: Double
}

/// Turns a scanned log into points, checks them and assembles the curve.
private struct PointCollector {
  let log: ScannedLog
  let bytes: [UInt8]
  let choice: KeyChoice
  let path: String

  /// The analysed learning-rate key's name.
  private var learningRateName: String { log.names[choice.learningRate] }
  /// The loss key's name.
  private var lossName: String { log.names[choice.loss] }

  /// Collects the points and assembles the result.
  func read() throws(LRLensError) -> ReadResult {
    let (collected, joinedCount) = collect()
    var points = collected
    guard !points.isEmpty else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "found no line with both key '\(learningRateName)' and key '\(lossName)'",
        fix: "log the learning rate and the loss on the same line, or name other keys with "
          + "--lr-column and --loss-column")
    }
    var diagnostics: [Diagnostic] = []
    if let note = skippedLinesNote(points) { diagnostics.append(note) }
    if joinedCount > 0 {
      diagnostics.append(
        Diagnostic(
          .note, at: InputLocation(path: path),
          "joined \(joinedCount) learning rates and losses printed on separate lines for the "
            + "same batch"))
    }
    let zeros = points.filter { $0.learningRate == 0 }
    if !zeros.isEmpty {
      points.removeAll { $0.learningRate == 0 }
      diagnostics.append(try zeroWarning(zeros, remaining: points.count))
    }
    if let warning = precisionWarning(points) { diagnostics.append(warning) }
    return try assemble(points, diagnostics: diagnostics)
  }

  /// The points in line order, and how many join two lines.
  private func collect() -> ([Point], Int) {
    var points: [Point] = []
    var joinedCount = 0
    // A record holding only one of the two keys, waiting for a partner at its position.
    var pending: (record: Int, pair: Int, hasLearningRate: Bool)?
    for record in 0..<log.recordCount {
      let rate = log.pair(of: choice.learningRate, inRecord: record)
      let loss = log.pair(of: choice.loss, inRecord: record)
      switch (rate, loss) {
      case (let rate?, let loss?):
        pending = nil
        points.append(point(rate: rate, in: record, loss: loss, in: record))
      case (nil, nil):
        continue
      default:
        let pair = rate ?? loss ?? 0
        let hasLearningRate = rate != nil
        if let waiting = pending, waiting.hasLearningRate != hasLearningRate,
          let position = log.positions[record], log.positions[waiting.record] == position
        {
          let (rateRecord, ratePair) =
            hasLearningRate ? (record, pair) : (waiting.record, waiting.pair)
          let (lossRecord, lossPair) =
            hasLearningRate ? (waiting.record, waiting.pair) : (record, pair)
          points.append(point(rate: ratePair, in: rateRecord, loss: lossPair, in: lossRecord))
          joinedCount += 1
          pending = nil
        } else {
          pending = log.positions[record] == nil ? nil : (record, pair, hasLearningRate)
        }
      }
    }
    return (points, joinedCount)
  }

  /// A point from a learning-rate pair and a loss pair.
  private func point(rate: Int, in rateRecord: Int, loss: Int, in lossRecord: Int) -> Point {
    Point(
      learningRateRecord: rateRecord, learningRatePair: rate,
      learningRate: log.pairValues[rate], lossRecord: lossRecord, loss: log.pairValues[loss])
  }

  /// The note counting the non-blank lines that gave no point, if any did not.
  private func skippedLinesNote(_ points: [Point]) -> Diagnostic? {
    var used = Set<Int>()
    for point in points {
      used.insert(point.learningRateRecord)
      used.insert(point.lossRecord)
    }
    let skipped = log.nonBlankLineCount - used.count
    guard skipped > 0 else { return nil }
    let firstUnused = (0..<log.recordCount).first { !used.contains($0) }.map { log.lines[$0] }
    let first = [firstUnused, log.firstLineWithoutPairs].compactMap(\.self).min()
    let lines = skipped == 1 ? "line" : "lines"
    return Diagnostic(
      .note, at: first.map { InputLocation(path: path, line: $0) },
      "skipped \(skipped) \(lines) that give no point with '\(learningRateName)' and '\(lossName)' "
        + "(the first is here)")
  }

  /// The warning about points whose learning rate was printed as 0, or the error when too
  /// few points remain without them.
  private func zeroWarning(_ zeros: [Point], remaining: Int) throws(LRLensError) -> Diagnostic {
    let lines = ranges(zeros.map { log.lines[$0.learningRateRecord] })
    let first = zeros[0]
    let text = "\(learningRateName)=\(valueText(first.learningRatePair))"
    guard remaining >= CurveAssembler.minimumPointCount else {
      throw LRLensError(
        .badData, at: location(of: first),
        problem: "expected at least \(CurveAssembler.minimumPointCount) points with a learning "
          + "rate above 0, found \(remaining): \(lines) print '\(text)'",
        fix: "log the learning rate with more digits (for example with %g or %e), then run "
          + "the range test again")
    }
    let count = zeros.count == 1 ? "1 point" : "\(zeros.count) points"
    return Diagnostic(
      .warning, at: location(of: first),
      "dropped \(count) whose learning rate is printed as 0 ('\(text)' on \(lines)): the "
        + "value was too small for its print format")
  }

  /// The warning about learning rates printed with too few digits, if any were.
  ///
  /// A learning rate is suspect when it has fewer than 3 significant digits and its last
  /// digit is at the finest decimal place any learning rate is printed to (so the format, not
  /// the value, ended it), or when it equals the previous one although the loss changed.
  private func precisionWarning(_ points: [Point]) -> Diagnostic? {
    let texts = points.map { valueText($0.learningRatePair) }
    let shapes = texts.map(DigitShape.init)
    guard let finest = shapes.compactMap(\.lastPlace).min() else { return nil }
    let short = shapes.indices.filter {
      shapes[$0].significantDigits < 3 && shapes[$0].lastPlace == finest
    }
    let repeated = points.indices.dropFirst().filter { index in
      let (previous, current) = (points[index - 1], points[index])
      let lossChanged =
        previous.loss != current.loss && !(previous.loss.isNaN && current.loss.isNaN)
      return previous.learningRate == current.learningRate && lossChanged
    }
    guard let first = [short.first, repeated.first].compactMap(\.self).min() else { return nil }
    var findings: [String] = []
    if !short.isEmpty {
      findings.append(
        "\(short.count) of \(points.count) have fewer than 3 significant digits")
    }
    if !repeated.isEmpty {
      findings.append(
        "\(repeated.count) repeat the previous learning rate although the loss changes")
    }
    return Diagnostic(
      .warning, at: location(of: points[first]),
      "learning rates are printed with too few digits to be trusted: "
        + findings.joined(separator: " and ")
        + " (the first is here, '\(learningRateName)=\(texts[first])'); log them with %g or %e")
  }

  /// Builds the curve, its provenance and inventory.
  private func assemble(_ points: [Point], diagnostics: [Diagnostic]) throws(LRLensError)
    -> ReadResult
  {
    var groups: [ParameterGroup] = []
    for key in choice.parameterGroups {
      let values = points.map { point in
        log.pair(of: key, inRecord: point.learningRateRecord).map { log.pairValues[$0] } ?? .nan
      }
      groups.append(ParameterGroup(name: log.names[key], learningRates: values))
    }
    let parts = CurveParts(
      path: path, format: .text, noun: "key", seriesNames: log.names,
      learningRateName: learningRateName, learningRates: points.map(\.learningRate),
      lossName: lossName, losses: points.map(\.loss), parameterGroups: groups,
      lineNumbers: points.map { log.lines[$0.learningRateRecord] })
    var result = try CurveAssembler.result(parts, diagnostics: diagnostics) { index in
      let point = points[index]
      let line = log.lines[point.learningRateRecord]
      return PointLocation(
        location(of: point), repair: "repair or delete line \(line)",
        text: CellParser.excerpt(valueText(point.learningRatePair)))
    }
    result.inventory = inventory()
    return result
  }

  /// Every key with the number of lines carrying it and its role.
  private func inventory() -> [SeriesSummary] {
    log.names.indices.map { key in
      var role: SeriesSummary.Role?
      if key == choice.learningRate {
        role = .learningRate
      } else if key == choice.loss {
        role = .loss
      } else if choice.parameterGroups.contains(key) {
        role = .parameterGroup
      }
      return SeriesSummary(
        name: log.names[key], count: log.lineCounts[key], valueType: "number", role: role,
        nonFiniteCount: log.nonFiniteCounts[key])
    }
  }

  /// The location of a point's learning rate: its line and the value's column.
  private func location(of point: Point) -> InputLocation {
    let record = point.learningRateRecord
    let column = log.pairValueRanges[point.learningRatePair].lowerBound - log.lineStarts[record]
    return InputLocation(path: path, line: log.lines[record], column: column + 1)
  }

  /// A pair's value as printed.
  private func valueText(_ pair: Int) -> String {
    String(decoding: bytes[log.pairValueRanges[pair]], as: UTF8.self)
  }

  /// Line numbers as `line 4` or `lines 2-6, 9`, at most 10 ranges.
  private func ranges(_ lines: [Int]) -> String {
    var spans: [(Int, Int)] = []
    for line in lines {
      if let last = spans.last, line == last.1 + 1 {
        spans[spans.count - 1].1 = line
      } else {
        spans.append((line, line))
      }
    }
    let limit = 10
    let shown = spans.prefix(limit).map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)-\($0.1)" }
    let text = shown.joined(separator: ", ") + (spans.count > limit ? ", ..." : "")
    return (lines.count == 1 ? "line " : "lines ") + text
  }
}

/// The digits of a number as printed: how many are significant, and the decimal place of the
/// last one (`0.000001` → 1 digit at place -6; `1.25e-05` → 3 digits at place -7).
private struct DigitShape {
  /// The number of significant digits, trailing zeros included; 0 for a zero.
  var significantDigits: Int
  /// The power of ten of the last printed digit, or `nil` when the text is not a plain
  /// decimal number.
  var lastPlace: Int?

  init(_ text: String) {
    var mantissa = Substring(text)
    var exponent = 0
    if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<marker]
      // A Double's decimal exponent lies within ±400; the clamp keeps the place arithmetic
      // below from overflowing on a printed exponent such as `e-9223372036854775808`.
      let printed = Int(text[text.index(after: marker)...]) ?? 0
      exponent = min(max(printed, -1_000_000), 1_000_000)
    }
    if let sign = mantissa.first, sign == "+" || sign == "-" { mantissa = mantissa.dropFirst() }
    let fraction = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let decimals = fraction.count > 1 ? fraction[1].count : 0
    let digits = mantissa.filter { $0 != "." }
    let significant = digits.drop(while: { $0 == "0" })
    let isPlain = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    significantDigits = significant.count
    lastPlace = isPlain ? exponent - decimals : nil
  }
}
