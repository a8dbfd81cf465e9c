internal import LRLensCore

/// One point: the records its learning rate and loss come from.
struct TextLogPoint {
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
struct PointCollector {
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
  private func collect() -> ([TextLogPoint], Int) {
    var points: [TextLogPoint] = []
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
  private func point(rate: Int, in rateRecord: Int, loss: Int, in lossRecord: Int) -> TextLogPoint {
    TextLogPoint(
      learningRateRecord: rateRecord, learningRatePair: rate,
      learningRate: log.pairValues[rate], lossRecord: lossRecord, loss: log.pairValues[loss])
  }

  /// The note counting the non-blank lines that gave no point, if any did not.
  private func skippedLinesNote(_ points: [TextLogPoint]) -> Diagnostic? {
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
  private func zeroWarning(_ zeros: [TextLogPoint], remaining: Int) throws(LRLensError)
    -> Diagnostic
  {
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
  private func precisionWarning(_ points: [TextLogPoint]) -> Diagnostic? {
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
  private func assemble(_ points: [TextLogPoint], diagnostics: [Diagnostic]) throws(LRLensError)
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
  private func location(of point: TextLogPoint) -> InputLocation {
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
struct DigitShape {
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
