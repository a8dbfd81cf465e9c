internal import LRLensCore

/// Joins the chosen tags on their steps and builds the curve's parts.
struct CurveBuilder {
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
