package import LRLensCore

/// Reads a learning-rate range test, or any training run, from a TensorBoard event file.
///
/// The file is a sequence of TFRecords (``TFRecordScanner``, every checksum checked), each an
/// `Event` protocol buffer (``ProtobufReader``). From each event lrlens reads the `step` and
/// the scalar values of its `summary`: the `simple_value` floats that PyTorch's, tensorboardX's
/// and Lightning's `SummaryWriter.add_scalar` write, and the one-element `float32` or `float64`
/// tensors that TF2's `tf.summary.scalar` (and so Keras' `TensorBoard` callback) writes, read
/// from `tensor_content`, `float_val` or `double_val`. Other summaries (images, histograms,
/// text) are ignored. Each tag becomes a series of `(step, value)` pairs; when a tag has
/// several values at one step the last written is kept, as TensorBoard does.
///
/// The learning-rate and loss tags are `--lr-tag` and `--loss-tag` when given; otherwise:
/// - learning-rate tags have `lr` as a word part or contain `learning_rate` (`lr_0`, `lr-Adam`,
///   `lr-Adam/pg1`, `train/lr`, `epoch_learning_rate`), and none of the word parts `loss`,
///   `mom`, `momentum`, `wd`, `weight`, `decay`, `beta`, `beta1`, `beta2`, `val`, `valid`,
///   `validation` or `test` (parts are split at any character that is not a letter or digit,
///   so `lr-Adam-momentum` and `lr-SGD-weight_decay` are not learning rates). Per-group tags
///   form one family: fastai's `lr_0`, `lr_1`, … and Lightning's `lr-Adam`, `lr-Adam/pg1`, …;
///   the last group in file order is analysed and all are kept as parameter groups. Of several
///   families, the first in file order that suits the loss tag is read, with a note;
/// - loss tags contain `loss` and have no `val`, `valid`, `validation` or `test` part; by
///   priority `train_loss`, `loss`, `batch_loss`, `epoch_loss`, then the first other;
/// - a `batch_` tag is paired with a `batch_` tag and an `epoch_` tag with an `epoch_` tag
///   (Keras' callback logs both), so steps of one kind are never joined with the other.
///
/// The two series are joined on their steps, in step order; steps only one of them has are
/// dropped with a warning. The inventory lists every scalar tag with its count, stored type
/// (`simple_value float32`, `tensor float32`, `tensor float64`), role and non-finite count.
package struct TensorBoardReader: LogReader {
  /// The format this reader reads: `.tensorboard`.
  package static let format = LogFormat.tensorboard

  /// Creates a TensorBoard reader.
  package init() {}

  /// Whether an input looks like a TensorBoard event file: its first 12 bytes are a TFRecord
  /// header whose length checksum matches.
  ///
  /// - Parameter input: The input.
  /// - Returns: Whether the first record's framing checks out.
  /// - Complexity: O(1).
  package static func recognizes(_ input: LogInput) -> Bool {
    TFRecordScanner.hasRecordHeader(input.bytes)
  }

  /// Reads a whole event file.
  ///
  /// - Parameters:
  ///   - input: The input's bytes and path.
  ///   - options: The user's `--lr-tag` and `--loss-tag`.
  /// - Returns: The curve, notes about the input and the inventory of scalar tags.
  /// - Throws: `LRLensError` of kind `.badData` when the file is empty, not an event file,
  ///   truncated or corrupt, has no usable pair of tags, or a tag option names no scalar tag;
  ///   of kind `.usage` when both options name the same tag.
  /// - Complexity: O(n) in the size of the input, plus O(k log k) per tag of k values whose
  ///   steps are out of order.
  package func read(_ input: LogInput, options: ReadOptions) throws(LRLensError) -> ReadResult {
    let fileLocation = InputLocation(path: input.path)
    guard !input.bytes.isEmpty else {
      throw LRLensError(
        .badData, at: fileLocation,
        problem: "the file is empty: expected a TensorBoard event file",
        fix: "check the path (event files are named events.out.tfevents.*)")
    }
    var scan = try EventScan(input)
    scan.normalize()
    var diagnostics: [Diagnostic] = []
    if options.learningRateColumn != nil || options.lossColumn != nil {
      diagnostics.append(
        Diagnostic(
          .warning, at: fileLocation,
          "--lr-column and --loss-column are ignored for TensorBoard event files: use --lr-tag "
            + "and --loss-tag"))
    }
    let choice = try TagChooser(scan: scan, path: input.path).choose(options)
    diagnostics += choice.notes
    let curve = CurveBuilder(scan: scan, choice: choice, path: input.path)
    let parts = try curve.parts(diagnostics: &diagnostics)
    var result = try CurveAssembler.result(parts, diagnostics: diagnostics) { index in
      curve.pointLocation(index)
    }
    result.inventory = scan.inventory(choice)
    if let (framework, evidence) = choice.frameworkEvidence(scan) {
      result.curve.provenance.framework = framework
      result.curve.provenance.frameworkEvidence = evidence
    }
    return result
  }
}

// MARK: - Scalar series

/// How a tag's values are stored.
private struct ScalarKinds: OptionSet {
  let rawValue: UInt8
  static let simpleFloat = ScalarKinds(rawValue: 1)
  static let tensorFloat = ScalarKinds(rawValue: 2)
  static let tensorDouble = ScalarKinds(rawValue: 4)

  /// The inventory's type: `simple_value float32`, or several joined by `, `.
  var description: String {
    var names: [String] = []
    if contains(.simpleFloat) { names.append("simple_value float32") }
    if contains(.tensorFloat) { names.append("tensor float32") }
    if contains(.tensorDouble) { names.append("tensor float64") }
    return names.joined(separator: ", ")
  }
}

/// One tag's scalar values in file order, then (after `normalize`) one per step in step order.
private struct ScalarSeries {
  var name: String
  var steps: [Int64] = []
  var values: [Double] = []
  var kinds: ScalarKinds = []
  /// The number of steps that had several values, of which the last was kept.
  var duplicateSteps = 0

  /// Sorts by step (stably) and keeps the last value written at each step.
  mutating func normalize() {
    let isStrictlyIncreasing = zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 }
    guard !isStrictlyIncreasing else { return }
    let order = steps.indices.sorted {
      steps[$0] < steps[$1] || (steps[$0] == steps[$1] && $0 < $1)
    }
    var keptSteps: [Int64] = []
    var keptValues: [Double] = []
    keptSteps.reserveCapacity(order.count)
    keptValues.reserveCapacity(order.count)
    for index in order {
      if keptSteps.last == steps[index] {
        keptValues[keptValues.count - 1] = values[index]
      } else {
        keptSteps.append(steps[index])
        keptValues.append(values[index])
      }
    }
    duplicateSteps = countDuplicateSteps(order)
    steps = keptSteps
    values = keptValues
  }

  /// The number of distinct steps that appear more than once, given the sorted order.
  private func countDuplicateSteps(_ order: [Int]) -> Int {
    var count = 0
    var previous: Int64?
    var counted = false
    for index in order {
      let step = steps[index]
      if step == previous {
        if !counted { count += 1 }
        counted = true
      } else {
        counted = false
      }
      previous = step
    }
    return count
  }

  /// `'train_loss' (86 values)`, for messages.
  var quoted: String {
    "'\(CellParser.excerpt(name))' (\(steps.count) value\(steps.count == 1 ? "" : "s"))"
  }
}

// MARK: - Decoding

/// The scalar series of a whole event file.
private struct EventScan {
  /// Every scalar tag, in order of first appearance.
  var series: [ScalarSeries] = []
  /// Tags that hold no scalar (images, histograms, text), in order of first appearance.
  var otherTags: [String] = []
  /// The number of records read.
  var recordCount = 0

  /// The position in `series` of each tag, by its UTF-8 bytes.
  private var seriesIndex: [ArraySlice<UInt8>: Int] = [:]
  /// The tags already in `otherTags`.
  private var otherTagSet: Set<ArraySlice<UInt8>> = []
  /// The UTF-8 bytes of each scalar tag, by position in `series`.
  private var tagBytes: [[UInt8]] = []
  /// The position of the series that received the last value.
  private var previousSeries = -1

  /// Reads every record of an input.
  init(_ input: LogInput) throws(LRLensError) {
    var scanner = TFRecordScanner(input)
    var summaries: [Range<Int>] = []
    var reader = ProtobufReader(
      bytes: input.bytes, range: 0..<0, path: input.path,
      record: TFRecord(index: 0, offset: 0, data: 0..<0))
    while let record = try scanner.next() {
      recordCount += 1
      reader.seek(to: record.data, record: record)
      var step: Int64 = 0
      summaries.removeAll(keepingCapacity: true)
      while let field = try reader.nextField() {
        switch (field.number, field.wireType) {
        case (2, .varint): step = Int64(bitPattern: try reader.varint())
        case (5, .lengthDelimited): summaries.append(try reader.lengthDelimited())
        default: try reader.skip(field)
        }
      }
      for range in summaries {
        reader.seek(to: range, record: record)
        while let field = try reader.nextField() {
          guard field.number == 1, field.wireType == .lengthDelimited else {
            try reader.skip(field)
            continue
          }
          let enclosingEnd = try reader.enterMessage()
          try add(&reader, step: step, bytes: input.bytes)
          reader.exitMessage(enclosingEnd)
        }
      }
    }
  }

  /// Reads one `Summary.Value` and adds its scalar, if it is one, to its tag's series.
  private mutating func add(_ value: inout ProtobufReader, step: Int64, bytes: [UInt8])
    throws(LRLensError)
  {
    var tag: Range<Int>?
    var scalar: (Double, ScalarKinds)?
    var isScalar = false
    while let field = try value.nextField() {
      switch (field.number, field.wireType) {
      case (1, .lengthDelimited):
        tag = try value.lengthDelimited()
      case (2, .fixed32):
        scalar = (Double(Float(bitPattern: try value.fixed32())), .simpleFloat)
        isScalar = true
      case (8, .lengthDelimited):
        let enclosingEnd = try value.enterMessage()
        scalar = try Self.tensorScalar(&value)
        value.exitMessage(enclosingEnd)
        isScalar = scalar != nil
      case (3...6, .lengthDelimited):
        // The other members of the `value` oneof: a later one replaces an earlier scalar.
        _ = try value.lengthDelimited()
        scalar = nil
        isScalar = false
      default:
        try value.skip(field)
      }
    }
    guard let tag, !tag.isEmpty else { return }
    guard isScalar, let (number, kind) = scalar else {
      let key = bytes[tag]
      if seriesIndex[key] == nil, otherTagSet.insert(key).inserted {
        otherTags.append(String(decoding: key, as: UTF8.self))
      }
      return
    }
    let index = seriesPosition(of: tag, in: bytes)
    series[index].steps.append(step)
    series[index].values.append(number)
    series[index].kinds.insert(kind)
  }

  /// The position in `series` of the tag whose UTF-8 bytes are `tag`, added if new.
  ///
  /// Writers log the same tags in the same order at every step, so the tag after the previous
  /// one is tried first, by comparing bytes, before the dictionary is asked.
  private mutating func seriesPosition(of tag: Range<Int>, in bytes: [UInt8]) -> Int {
    let next = previousSeries + 1 < tagBytes.count ? previousSeries + 1 : 0
    if next < tagBytes.count, tagBytes[next].elementsEqual(bytes[tag]) {
      previousSeries = next
      return next
    }
    let key = bytes[tag]
    if let known = seriesIndex[key] {
      previousSeries = known
      return known
    }
    let index = series.count
    seriesIndex[key] = index
    tagBytes.append(Array(key))
    series.append(ScalarSeries(name: String(decoding: key, as: UTF8.self)))
    previousSeries = index
    return index
  }

  /// The value of a `TensorProto` holding one `float32` or `float64`, or `nil` for any other
  /// tensor.
  private static func tensorScalar(_ tensor: inout ProtobufReader) throws(LRLensError)
    -> (Double, ScalarKinds)?
  {
    var dataType: UInt64 = 0
    var isSingleElement = true
    var content: Range<Int> = 0..<0
    // The number of `float_val` and `double_val` entries, and the last of each.
    var floatCount = 0
    var float: Float = 0
    var doubleCount = 0
    var double: Double = 0
    while let field = try tensor.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint):
        dataType = try tensor.varint()
      case (2, .lengthDelimited):
        let enclosingEnd = try tensor.enterMessage()
        isSingleElement = try isSingleElementShape(&tensor)
        tensor.exitMessage(enclosingEnd)
      case (4, .lengthDelimited):
        content = try tensor.lengthDelimited()
      case (5, .fixed32):
        float = Float(bitPattern: try tensor.fixed32())
        floatCount += 1
      case (5, .lengthDelimited):
        let enclosingEnd = try tensor.enterMessage()
        while !tensor.isAtEnd {
          float = Float(bitPattern: try tensor.fixed32())
          floatCount += 1
        }
        tensor.exitMessage(enclosingEnd)
      case (6, .fixed64):
        double = Double(bitPattern: try tensor.fixed64())
        doubleCount += 1
      case (6, .lengthDelimited):
        let enclosingEnd = try tensor.enterMessage()
        while !tensor.isAtEnd {
          double = Double(bitPattern: try tensor.fixed64())
          doubleCount += 1
        }
        tensor.exitMessage(enclosingEnd)
      default:
        try tensor.skip(field)
      }
    }
    guard isSingleElement else { return nil }
    let bytes = tensor.bytes
    switch dataType {
    case 1:  // DT_FLOAT
      if content.count == 4 {
        let bits = content.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[$1]) }
        return (Double(Float(bitPattern: bits)), .tensorFloat)
      }
      guard content.isEmpty, floatCount == 1 else { return nil }
      return (Double(float), .tensorFloat)
    case 2:  // DT_DOUBLE
      if content.count == 8 {
        let bits = content.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[$1]) }
        return (Double(bitPattern: bits), .tensorDouble)
      }
      guard content.isEmpty, doubleCount == 1 else { return nil }
      return (double, .tensorDouble)
    default:
      return nil
    }
  }

  /// Whether a `TensorShapeProto` has exactly one element: every dimension has size 1 (a
  /// scalar has none) and the rank is known.
  private static func isSingleElementShape(_ shape: inout ProtobufReader) throws(LRLensError)
    -> Bool
  {
    var isSingle = true
    while let field = try shape.nextField() {
      switch (field.number, field.wireType) {
      case (2, .lengthDelimited):
        let enclosingEnd = try shape.enterMessage()
        var size: UInt64 = 0
        while let inner = try shape.nextField() {
          if inner.number == 1, inner.wireType == .varint {
            size = try shape.varint()
          } else {
            try shape.skip(inner)
          }
        }
        shape.exitMessage(enclosingEnd)
        if size != 1 { isSingle = false }
      case (3, .varint):
        if try shape.varint() != 0 { isSingle = false }
      default:
        try shape.skip(field)
      }
    }
    return isSingle
  }

  /// Sorts every series by step, keeping the last value at each step.
  mutating func normalize() {
    for index in series.indices { series[index].normalize() }
  }

  /// The scalar tags with their counts, for messages: `'lr_0' (86 values), ...`.
  var quotedTags: String {
    let limit = 20
    let quoted = series.prefix(limit).map(\.quoted).joined(separator: ", ")
    return quoted + (series.count > limit ? ", ..." : "")
  }

  /// One summary per scalar tag, in order of first appearance.
  func inventory(_ choice: TagChoice) -> [SeriesSummary] {
    series.enumerated().map { index, series in
      let role: SeriesSummary.Role? =
        if index == choice.learningRate {
          .learningRate
        } else if index == choice.loss {
          .loss
        } else if choice.parameterGroups.contains(index) {
          .parameterGroup
        } else {
          nil
        }
      return SeriesSummary(
        name: series.name, count: series.steps.count, valueType: series.kinds.description,
        role: role, nonFiniteCount: series.values.count { !$0.isFinite })
    }
  }
}

// MARK: - Choosing tags

/// The tags to read, as positions in `EventScan.series`.
private struct TagChoice {
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
private struct TagChooser {
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

// MARK: - Joining

/// Joins the chosen tags on their steps and builds the curve's parts.
private struct CurveBuilder {
  let scan: EventScan
  let choice: TagChoice
  let path: String

  /// The steps both tags have, in order.
  let steps: [Int64]
  /// The learning rates at those steps.
  let learningRates: [Double]
  /// The losses at those steps.
  let losses: [Double]

  /// Joins the chosen learning-rate and loss tags on their steps.
  init(scan: EventScan, choice: TagChoice, path: String) {
    self.scan = scan
    self.choice = choice
    self.path = path
    let learningRate = scan.series[choice.learningRate]
    let loss = scan.series[choice.loss]
    var steps: [Int64] = []
    var learningRates: [Double] = []
    var losses: [Double] = []
    var left = 0
    var right = 0
    while left < learningRate.steps.count && right < loss.steps.count {
      let step = learningRate.steps[left]
      let other = loss.steps[right]
      if step < other {
        left += 1
      } else if other < step {
        right += 1
      } else {
        steps.append(step)
        learningRates.append(learningRate.values[left])
        losses.append(loss.values[right])
        left += 1
        right += 1
      }
    }
    self.steps = steps
    self.learningRates = learningRates
    self.losses = losses
  }

  /// The checked series, with warnings about dropped steps and repeated steps.
  func parts(diagnostics: inout [Diagnostic]) throws(LRLensError) -> CurveParts {
    let learningRate = scan.series[choice.learningRate]
    let loss = scan.series[choice.loss]
    for series in [learningRate, loss] + choice.parameterGroups.map({ scan.series[$0] })
    where series.duplicateSteps > 0 {
      diagnostics.append(
        Diagnostic(
          .note, at: location(series.name),
          "\(series.duplicateSteps) step\(series.duplicateSteps == 1 ? " has" : "s have") "
            + "several values; the last written is kept, as TensorBoard does"))
    }
    for (series, other) in [(learningRate, loss), (loss, learningRate)] {
      let dropped = series.steps.count - steps.count
      guard dropped > 0 else { continue }
      let missing = Self.missing(series.steps, in: Set(other.steps))
      diagnostics.append(
        Diagnostic(
          .warning, at: location(series.name),
          "\(dropped) of its \(series.steps.count) steps are missing from tag "
            + "'\(CellParser.excerpt(other.name))' and are dropped (steps \(missing))"))
    }
    try check()
    let groups = choice.parameterGroups.map { index in
      index == choice.learningRate
        ? ParameterGroup(name: learningRate.name, learningRates: learningRates)
        : group(scan.series[index], at: steps, diagnostics: &diagnostics)
    }
    return CurveParts(
      path: path, format: .tensorboard, noun: "tag", seriesNames: scan.series.map(\.name),
      learningRateName: learningRate.name, learningRates: learningRates, lossName: loss.name,
      losses: losses, parameterGroups: groups)
  }

  /// Throws unless there are enough points, every learning rate is positive and finite, and a
  /// loss is finite (with `--lr-tag`/`--loss-tag` fixes, before ``CurveAssembler`` checks).
  private func check() throws(LRLensError) {
    let learningRate = scan.series[choice.learningRate]
    let loss = scan.series[choice.loss]
    let pair =
      "tags '\(CellParser.excerpt(learningRate.name))' and "
      + "'\(CellParser.excerpt(loss.name))'"
    guard steps.count >= CurveAssembler.minimumPointCount else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "a range test needs at least \(CurveAssembler.minimumPointCount) points, but "
          + "\(pair) share \(steps.count) step\(steps.count == 1 ? "" : "s") "
          + "(\(learningRate.steps.count) and \(loss.steps.count) values)",
        fix: "pick tags logged at the same steps with --lr-tag and --loss-tag (found "
          + "\(scan.quotedTags))")
    }
    if let bad = learningRates.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
      throw LRLensError(
        .badData, at: pointLocation(bad).location,
        problem: "expected a learning rate greater than 0 in tag "
          + "'\(CellParser.excerpt(learningRate.name))', found '\(learningRates[bad])'",
        fix: "pick another tag with --lr-tag")
    }
    guard losses.contains(where: \.isFinite) else {
      throw LRLensError(
        .badData, at: location(loss.name),
        problem: "expected at least one finite loss in tag '\(CellParser.excerpt(loss.name))' "
          + "at the steps it shares with '\(CellParser.excerpt(learningRate.name))', found only "
          + "NaN or infinity",
        fix: "pick another tag with --loss-tag")
    }
  }

  /// A parameter group's learning rates at the curve's steps: NaN where it has none.
  private func group(_ series: ScalarSeries, at steps: [Int64], diagnostics: inout [Diagnostic])
    -> ParameterGroup
  {
    var values: [Double] = []
    values.reserveCapacity(steps.count)
    var position = 0
    var missing: [Int64] = []
    for step in steps {
      while position < series.steps.count && series.steps[position] < step { position += 1 }
      if position < series.steps.count && series.steps[position] == step {
        values.append(series.values[position])
      } else {
        values.append(.nan)
        missing.append(step)
      }
    }
    if !missing.isEmpty {
      diagnostics.append(
        Diagnostic(
          .warning, at: location(series.name),
          "\(missing.count) of the curve's \(steps.count) steps are missing; the group's "
            + "learning rate there is NaN (steps \(Self.list(missing)))"))
    }
    return ParameterGroup(name: series.name, learningRates: values)
  }

  /// Where point `i`'s learning rate is: `run.tfevents (tag 'lr_0', step 15)`.
  func pointLocation(_ index: Int) -> PointLocation {
    let name = CellParser.excerpt(scan.series[choice.learningRate].name)
    let step = steps.indices.contains(index) ? "\(steps[index])" : "?"
    return PointLocation(
      InputLocation(path: path, detail: "tag '\(name)', step \(step)"),
      repair: "pick another tag with --lr-tag")
  }

  /// A whole tag's location: `run.tfevents (tag 'loss')`.
  private func location(_ name: String) -> InputLocation {
    InputLocation(path: path, detail: "tag '\(CellParser.excerpt(name))'")
  }

  /// The steps of `steps` not in `other`, listed.
  private static func missing(_ steps: [Int64], in other: Set<Int64>) -> String {
    list(steps.filter { !other.contains($0) })
  }

  /// Up to 5 steps, then `...`: `3, 7, 12`.
  private static func list(_ steps: [Int64]) -> String {
    steps.prefix(5).map(String.init).joined(separator: ", ") + (steps.count > 5 ? ", ..." : "")
  }
}
