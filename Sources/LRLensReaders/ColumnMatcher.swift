package import LRLensCore

/// The series a reader should read, as positions in the source's list of names.
package struct ColumnChoice: Sendable, Equatable {
  /// The learning-rate series.
  package var learningRate: Int
  /// The loss series.
  package var loss: Int
  /// Raw losses beside a smoothed `loss` series, if the source has both.
  package var rawLoss: Int?
  /// Every parameter group's learning-rate series in source order, `learningRate` (the last)
  /// included, when the source has several; empty otherwise.
  package var parameterGroups: [Int]

  /// Creates a choice.
  ///
  /// - Parameters:
  ///   - learningRate: The learning-rate series' position.
  ///   - loss: The loss series' position.
  ///   - rawLoss: The raw-loss series' position, if any.
  ///   - parameterGroups: The parameter groups' positions, if there are several.
  package init(learningRate: Int, loss: Int, rawLoss: Int? = nil, parameterGroups: [Int] = []) {
    self.learningRate = learningRate
    self.loss = loss
    self.rawLoss = rawLoss
    self.parameterGroups = parameterGroups
  }
}

/// Picks the learning-rate and loss series from a source's column or key names (CSV, JSON,
/// HDF5).
///
/// `--lr-column` and `--loss-column` win: they must name a series exactly, or else match one
/// when compared case-insensitively without surrounding spaces. Otherwise what each name means
/// comes from ``SeriesNameClassifier`` (counters and validation metrics never qualify), and
/// ties go to the first in source order:
///
/// The learning rate is the first name of rank ``SeriesNameClassifier/LearningRateRank/exact``
/// (`lr`, `learning_rate`, ...); else the per-group series (`lr_0`, `lr-Adam/pg1`,
/// `learning_rate_…`), of which the last in source order is analysed, as fastai's `Recorder`
/// records the last group's rate, and all are reported as parameter groups when there are
/// several; else the first other name with an `lr` part.
///
/// The loss is the name of the best ``SeriesNameClassifier/lossRank(_:)``. When a smoothed
/// series (`smooth_loss`, `smoothed_loss`) sits beside a raw one (`raw_loss`, `raw_losses`,
/// `loss`), the smoothed one is the loss and the raw one is kept as raw losses.
package enum ColumnMatcher {
  /// Chooses the series to read.
  ///
  /// - Parameters:
  ///   - names: Every column or key name of the source, in source order.
  ///   - options: The user's `--lr-column` and `--loss-column`.
  ///   - location: Where the names are (the header line, or the file), for errors.
  ///   - noun: What a series is called in messages: `column` or `key`.
  /// - Returns: The positions of the chosen series in `names`.
  /// - Throws: `LRLensError` of kind `.badData` when an option names no series or no series
  ///   qualifies, and of kind `.usage` when both options name the same series.
  /// - Complexity: O(n) in the number of names.
  package static func choose(
    from names: [String], options: ReadOptions, at location: InputLocation,
    noun: String = "column"
  ) throws(LRLensError) -> ColumnChoice {
    var groups: [Int] = []
    let learningRate: Int
    if let requested = options.learningRateColumn {
      learningRate = try find(
        requested, in: names, flag: "--lr-column", at: location, noun: noun)
    } else {
      (learningRate, groups) = try guessLearningRate(names, at: location, noun: noun)
    }
    var loss: Int
    if let requested = options.lossColumn {
      loss = try find(requested, in: names, flag: "--loss-column", at: location, noun: noun)
      guard loss != learningRate else {
        let learningRateSource =
          options.learningRateColumn == nil
          ? "the guessed learning-rate \(noun)" : "--lr-column"
        throw LRLensError(
          .usage, at: location,
          problem: "--loss-column and \(learningRateSource) both name \(noun) '\(names[loss])'",
          fix: "name two different \(noun)s with --lr-column and --loss-column")
      }
    } else {
      loss = try guessLoss(names, excluding: learningRate, at: location, noun: noun)
    }
    var rawLoss: Int?
    let raw = bestRawLoss(in: names, excluding: learningRate)
    if SeriesNameClassifier.isSmoothedLoss(names[loss]), let raw {
      rawLoss = raw
    } else if options.lossColumn == nil,
      let smoothed = names.indices.first(where: {
        $0 != learningRate && SeriesNameClassifier.isSmoothedLoss(names[$0])
      }),
      SeriesNameClassifier.rawLossPriority(names[loss]) != nil
    {
      rawLoss = loss
      loss = smoothed
    }
    return ColumnChoice(
      learningRate: learningRate, loss: loss, rawLoss: rawLoss, parameterGroups: groups)
  }

  /// The position of the series a flag names.
  private static func find(
    _ requested: String, in names: [String], flag: String, at location: InputLocation,
    noun: String
  ) throws(LRLensError) -> Int {
    if let exact = names.firstIndex(of: requested) { return exact }
    let key = SeriesNameClassifier.normalized(requested)
    let matches = names.indices.filter { SeriesNameClassifier.normalized(names[$0]) == key }
    if matches.count == 1 { return matches[0] }
    throw LRLensError(
      .badData, at: location, problem: "there is no \(noun) '\(requested)' (from \(flag))",
      fix: "pick one of \(list(names, noun: noun)) with \(flag)")
  }

  /// The learning-rate series and, when it is one of several per-group series, all of them.
  private static func guessLearningRate(
    _ names: [String], at location: InputLocation, noun: String
  ) throws(LRLensError) -> (Int, [Int]) {
    let ranks = names.map(SeriesNameClassifier.learningRateRank)
    if let exact = ranks.firstIndex(of: .exact) { return (exact, []) }
    let groups = ranks.indices.filter { ranks[$0] == .parameterGroup }
    if let last = groups.last { return (last, groups.count > 1 ? groups : []) }
    guard let other = ranks.firstIndex(of: .other) else {
      throw LRLensError(
        .badData, at: location,
        problem: "found no learning-rate \(noun)\(among(names, noun: noun))",
        fix: "name the learning-rate \(noun) with --lr-column")
    }
    return (other, [])
  }

  /// The loss series: the best rank, the first in source order among equals.
  private static func guessLoss(
    _ names: [String], excluding learningRate: Int, at location: InputLocation, noun: String
  ) throws(LRLensError) -> Int {
    let ranked = names.indices.compactMap { index -> (rank: Int, index: Int)? in
      guard index != learningRate, let rank = SeriesNameClassifier.lossRank(names[index]) else {
        return nil
      }
      return (rank, index)
    }
    guard let best = ranked.min(by: { ($0.rank, $0.index) < ($1.rank, $1.index) }) else {
      throw LRLensError(
        .badData, at: location, problem: "found no loss \(noun)\(among(names, noun: noun))",
        fix: "name the loss \(noun) with --loss-column")
    }
    return best.index
  }

  /// The raw-loss series of best priority, the first in source order among equals.
  private static func bestRawLoss(in names: [String], excluding learningRate: Int) -> Int? {
    names.indices.compactMap { index -> (priority: Int, index: Int)? in
      guard index != learningRate,
        let priority = SeriesNameClassifier.rawLossPriority(names[index])
      else { return nil }
      return (priority, index)
    }.min(by: { ($0.priority, $0.index) < ($1.priority, $1.index) })?.index
  }

  /// ` among 'a', 'b'` for a message, or a note that there are no names.
  private static func among(_ names: [String], noun: String) -> String {
    let named = names.contains { !CellParser.trimmed(Substring($0)).isEmpty }
    return named ? " among \(list(names, noun: noun))" : " (there are no named \(noun)s)"
  }

  /// The names quoted for a message, without pandas' unnamed index column.
  private static func list(_ names: [String], noun: String) -> String {
    let shown = names.filter { !CellParser.trimmed(Substring($0)).isEmpty }
    guard !shown.isEmpty else { return "no named \(noun)s" }
    let limit = 20
    let quoted = shown.prefix(limit).map { "'\(CellParser.excerpt($0))'" }
    return quoted.joined(separator: ", ") + (shown.count > limit ? ", ..." : "")
  }
}
