internal import LRLensCore

/// Where a line sits in training, for joining a learning rate and a loss printed on two lines.
enum LinePosition: Equatable {
  /// An MXNet batch line's epoch (or iteration) and last batch.
  case batch(Double, Double)
  /// A `step`, `global_step`, `iteration` or `iter` value.
  case step(Double)
}

/// Every line of a log that holds numeric pairs, with its pairs, in flat arrays.
struct ScannedLog {
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
  private(set) var positions: [LinePosition?] = []
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
      var position = scan.batch.map { LinePosition.batch($0.epoch, $0.batch) }
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
