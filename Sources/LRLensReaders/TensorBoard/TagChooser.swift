internal import LRLensCore

/// The tags to read, as positions in `EventScan.series`.
struct TagChoice {
  var learningRate: Int
  var loss: Int
  /// Every parameter group's tag, `learningRate` (the last) included, when there are several.
  var parameterGroups: [Int]
  /// Notes about the choice (other candidates).
  var notes: [Diagnostic]

  /// The framework the tags point to, if they are one framework's names.
  func frameworkEvidence(_ scan: EventScan) -> (Framework, String)? {
    let learningRateName = scan.series[learningRate].name
    let lossName = scan.series[loss].name
    let pair = "tags '\(learningRateName)'/'\(lossName)'"
    if TagChooser.fastaiGroupPrefix(learningRateName) == "" {
      return (.fastai, "\(pair), as fastai's TensorBoardCallback names them")
    }
    if learningRateName.hasPrefix("lr-") {
      return (.lightning, "\(pair), as Lightning's LearningRateMonitor names them")
    }
    let prefixes = ["epoch_", "batch_"]
    if prefixes.contains(where: { learningRateName.hasPrefix($0) || lossName.hasPrefix($0) }) {
      return (.keras, "\(pair), as Keras' TensorBoard callback names them")
    }
    return nil
  }
}

/// Picks the learning-rate and loss tags, with the meaning of each tag from
/// ``SeriesNameClassifier``.
struct TagChooser {
  let scan: EventScan
  let path: String

  func choose(_ options: ReadOptions) throws(LRLensError) -> TagChoice {
    guard !scan.series.isEmpty else {
      let others = scan.otherTags.prefix(20).map { "'\(CellParser.excerpt($0))'" }
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "found no scalar tag in \(scan.recordCount) record"
          + (scan.recordCount == 1 ? "" : "s")
          + (others.isEmpty ? "" : " (other tags: \(others.joined(separator: ", ")))"),
        fix: "read the event file of a run that logged scalars (each run folder of a logdir "
          + "has its own)")
    }
    var notes: [Diagnostic] = []
    var learningRate: Int?
    var loss: Int?
    var groups: [Int] = []
    if let requested = options.learningRateTag {
      learningRate = try find(requested, flag: "--lr-tag")
    }
    if let requested = options.lossTag {
      loss = try find(requested, flag: "--loss-tag")
    }
    if let learningRate, let loss, learningRate == loss {
      throw LRLensError(
        .usage, at: InputLocation(path: path),
        problem:
          "--lr-tag and --loss-tag both name tag '\(CellParser.excerpt(scan.series[loss].name))'",
        fix: "name two different tags with --lr-tag and --loss-tag")
    }
    let families = learningRate == nil ? learningRateFamilies() : []
    let losses = loss == nil ? lossCandidates(excluding: learningRate) : []
    if learningRate == nil && families.isEmpty {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "found no learning-rate tag among \(scan.quotedTags)",
        fix: "name the learning-rate tag with --lr-tag")
    }
    if loss == nil && losses.isEmpty {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "found no loss tag among \(scan.quotedTags)",
        fix: "name the loss tag with --loss-tag")
    }
    switch (learningRate, loss) {
    case (nil, nil):
      let (family, lossIndex) = pair(families, losses)
      groups = family
      loss = lossIndex
    case (nil, let lossIndex?):
      groups = families.first { compatible($0[0], lossIndex) } ?? families[0]
    case (let learningRateIndex?, nil):
      loss = losses.first { compatible(learningRateIndex, $0) } ?? losses[0]
    case (.some, .some):
      break
    }
    if learningRate == nil {
      learningRate = groups.last
      if families.count > 1 {
        notes.append(
          note(alternatives: families.compactMap(\.last), chosen: learningRate, flag: "--lr-tag"))
      }
    }
    if options.lossTag == nil && losses.count > 1 {
      notes.append(note(alternatives: losses, chosen: loss, flag: "--loss-tag"))
    }
    guard let learningRate, let loss else {
      throw LRLensError(
        .internalFailure, at: InputLocation(path: path),
        problem: "no tag chosen although candidates exist", fix: "report this bug")
    }
    return TagChoice(
      learningRate: learningRate, loss: loss, parameterGroups: groups.count > 1 ? groups : [],
      notes: notes)
  }

  /// The position of the tag an option names exactly.
  private func find(_ requested: String, flag: String) throws(LRLensError) -> Int {
    if let index = scan.series.firstIndex(where: { $0.name == requested }) { return index }
    let isOther = scan.otherTags.contains(requested)
    throw LRLensError(
      .badData, at: InputLocation(path: path),
      problem: "there is no scalar tag '\(CellParser.excerpt(requested))' (from \(flag))"
        + (isOther ? ": it holds no scalars" : ""),
      fix: "pick one of \(scan.quotedTags) with \(flag)")
  }

  /// The best learning-rate family and loss: the first compatible pair by loss priority.
  private func pair(_ families: [[Int]], _ losses: [Int]) -> ([Int], Int) {
    for loss in losses {
      if let family = families.first(where: { compatible($0[0], loss) }) {
        return (family, loss)
      }
    }
    return (families[0], losses[0])
  }

  /// Whether two tags are logged per the same unit: not one `batch_` and the other `epoch_`.
  private func compatible(_ first: Int, _ second: Int) -> Bool {
    let units = [first, second].map { index -> String? in
      let name = scan.series[index].name.lowercased()
      return ["batch_", "epoch_"].first { name.hasPrefix($0) }
    }
    return units[0] == nil || units[1] == nil || units[0] == units[1]
  }

  /// Learning-rate tags grouped into families of parameter groups, in order of appearance.
  private func learningRateFamilies() -> [[Int]] {
    var families: [[Int]] = []
    var familyOfKey: [String: Int] = [:]
    for (index, series) in scan.series.enumerated()
    where SeriesNameClassifier.learningRateRank(series.name) != nil {
      let key = Self.familyKey(series.name)
      if let family = familyOfKey[key] {
        families[family].append(index)
      } else {
        familyOfKey[key] = families.count
        families.append([index])
      }
    }
    return families
  }

  /// The prefix before a fastai per-group tag `lr_<n>`, or `nil` if the tag is not one.
  static func fastaiGroupPrefix(_ name: String) -> String? {
    let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }.count
    let stem = name.dropLast(digits)
    guard digits > 0, stem.hasSuffix("lr_") else { return nil }
    return String(stem.dropLast(3))
  }

  /// The family of a learning-rate tag: `lr_` for fastai's `lr_<n>`, the part before the
  /// first `/` for Lightning's `lr-Adam/pg1`, the tag itself otherwise.
  private static func familyKey(_ name: String) -> String {
    if let prefix = fastaiGroupPrefix(name) { return prefix + "lr_" }
    if name.hasPrefix("lr-"), let slash = name.firstIndex(of: "/") {
      return String(name[..<slash])
    }
    return name
  }

  /// Loss tags by priority: the best ``SeriesNameClassifier/lossRank(_:)`` first, the first
  /// written among equals.
  private func lossCandidates(excluding learningRate: Int?) -> [Int] {
    scan.series.indices.compactMap { index -> (rank: Int, index: Int)? in
      guard index != learningRate, let rank = SeriesNameClassifier.lossRank(scan.series[index].name)
      else { return nil }
      return (rank, index)
    }.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map(\.index)
  }

  /// A note naming the other candidates of a guess.
  private func note(alternatives: [Int], chosen: Int? = nil, flag: String) -> Diagnostic {
    let names = alternatives.map { "'\(CellParser.excerpt(scan.series[$0].name))'" }
    let kind = flag == "--lr-tag" ? "learning-rate" : "loss"
    let used = chosen.map { "; reading '\(CellParser.excerpt(scan.series[$0].name))'" } ?? ""
    return Diagnostic(
      .note, at: InputLocation(path: path),
      "several \(kind) tags: \(names.joined(separator: ", "))\(used); pick another with \(flag)")
  }
}
