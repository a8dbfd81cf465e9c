internal import LRLensCore

/// The keys a log's points are read from, as indices into its key names.
struct KeyChoice {
  /// The learning-rate key.
  var learningRate: Int
  /// The loss key.
  var loss: Int
  /// Every parameter group's key, `learningRate` (the last) included, when there are several.
  var parameterGroups: [Int]
}

/// Picks the learning-rate and loss keys of a text log (see ``TextLogReader``), with the
/// meaning of each key from ``SeriesNameClassifier``.
enum KeyChooser {
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
