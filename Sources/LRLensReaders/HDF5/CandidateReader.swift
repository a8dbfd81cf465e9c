internal import LRLensCore

/// Reads the chosen series of a candidate and assembles the curve.
struct CandidateReader {
  let file: HDF5File
  let candidate: HDF5Candidate
  let options: ReadOptions
  /// The values read, by series position.
  private var values: [Int: [Double]] = [:]
  /// Each series' role, by position.
  private var roles: [Int: SeriesSummary.Role] = [:]
  /// Whole blocks and table members read, by dataset path and member.
  private var blocks: [String: [Double]] = [:]

  init(file: HDF5File, candidate: HDF5Candidate, options: ReadOptions) {
    self.file = file
    self.candidate = candidate
    self.options = options
  }

  /// Chooses the series with ``ColumnMatcher``, reads them and the candidate's other series,
  /// and assembles the result.
  mutating func read(diagnostics: [Diagnostic]) throws(LRLensError) -> ReadResult {
    let names = candidate.series.map(\.name)
    let choice = try ColumnMatcher.choose(
      from: names, options: options, at: file.location(candidate.detail), noun: candidate.noun)
    var diagnostics = diagnostics
    let learningRates = try series(choice.learningRate, flag: "--lr-column")
    let losses = try series(choice.loss, flag: "--loss-column")
    roles[choice.learningRate] = .learningRate
    roles[choice.loss] = .loss
    var rawLosses: [Double]?
    if let raw = choice.rawLoss {
      do {
        rawLosses = try series(raw, flag: "--loss-column")
        roles[raw] = .rawLoss
      } catch {
        diagnostics.append(ignored(raw, because: error))
      }
    }
    var groups: [ParameterGroup] = []
    for group in choice.parameterGroups {
      do {
        let rates = try series(group, flag: "--lr-column")
        groups.append(ParameterGroup(name: names[group], learningRates: rates))
      } catch {
        diagnostics.append(ignored(group, because: error))
        groups = []
        break
      }
    }
    for group in choice.parameterGroups where groups.count > 1 && group != choice.learningRate {
      roles[group] = .parameterGroup
    }
    // The other series are read for the inventory's counts of non-finite values only.
    for index in candidate.series.indices where values[index] == nil {
      _ = try? series(index, flag: "--dataset")
    }
    let parts = CurveParts(
      path: file.path, format: .hdf5, noun: candidate.noun, seriesNames: names,
      learningRateName: names[choice.learningRate], learningRates: learningRates,
      lossName: names[choice.loss], losses: losses,
      rawLossName: rawLosses == nil ? nil : choice.rawLoss.map { names[$0] },
      rawLosses: rawLosses, parameterGroups: groups)
    let learningRate = candidate.series[choice.learningRate]
    let container = candidate.kind == .group ? "" : " in frame '\(candidate.path)'"
    return try CurveAssembler.result(parts, diagnostics: diagnostics) { index in
      let repair =
        if case .dataset(let dataset) = learningRate.storage {
          "repair the value at index \(index) of dataset '\(dataset.path)'"
        } else {
          "repair row \(index) of column '\(learningRate.name)'\(container)"
        }
      return PointLocation(
        file.location(learningRate.location(ofIndex: index)), repair: repair)
    }
  }

  /// The file's inventory with the roles and non-finite counts of the series read.
  func annotate(_ inventory: [SeriesSummary]) -> [SeriesSummary] {
    var inventory = inventory
    for (index, series) in candidate.series.enumerated()
    where inventory.indices.contains(series.inventoryIndex) {
      guard let read = values[index] else { continue }
      inventory[series.inventoryIndex].role = roles[index]
      inventory[series.inventoryIndex].count = read.count
      inventory[series.inventoryIndex].nonFiniteCount = read.count { !$0.isFinite }
    }
    return inventory
  }

  /// The values of one series, read once.
  private mutating func series(_ index: Int, flag: String) throws(LRLensError) -> [Double] {
    if let known = values[index] { return known }
    let series = candidate.series[index]
    let read: [Double]
    switch series.storage {
    case .dataset(let dataset):
      guard let shape = dataset.dimensions, !shape.isEmpty, shape.count(where: { $0 != 1 }) <= 1
      else {
        throw LRLensError(
          .badData, at: file.location("dataset '\(dataset.path)'"),
          problem: "expected a 1-D dataset, found shape \(dataset.shapeText)",
          fix: "store the series as a 1-D dataset, or pick another dataset with \(flag)")
      }
      read = try dataset.readNumbers()
    case .block(let dataset, let column, let width, let rows, let isTransposed):
      let expected = isTransposed ? [rows, width] : [width, rows]
      guard dataset.dimensions == expected.map({ UInt64($0) }) else {
        let shape = "(\(expected.map { "\($0)" }.joined(separator: ", ")))"
        throw LRLensError(
          .badData, at: file.location("dataset '\(dataset.path)'"),
          problem: "expected shape \(shape) from the frame's 'axis1' and its block items, "
            + "found \(dataset.shapeText)",
          fix: "write the frame again with DataFrame.to_hdf, or pick another with --dataset")
      }
      let all = try block(dataset.path) { () throws(LRLensError) in try dataset.readNumbers() }
      read =
        isTransposed
        ? Array(stride(from: column, to: all.count, by: width).map { all[$0] })
        : Array(all[(column * rows)..<((column + 1) * rows)])
    case .member(let table, let member, let column, let width):
      let all = try block(table.path + "\u{0}" + member) { () throws(LRLensError) in
        try table.readMember(member)
      }
      read = Array(stride(from: column, to: all.count, by: width).map { all[$0] })
    }
    values[index] = read
    return read
  }

  /// A whole block or table member, read once.
  private mutating func block(_ key: String, _ load: () throws(LRLensError) -> [Double])
    throws(LRLensError) -> [Double]
  {
    if let known = blocks[key] { return known }
    let loaded = try load()
    blocks[key] = loaded
    return loaded
  }

  /// The warning for an extra series that could not be read.
  private func ignored(_ index: Int, because error: LRLensError) -> Diagnostic {
    Diagnostic(
      .warning, at: error.location,
      "ignored \(candidate.noun) '\(candidate.series[index].name)': \(error.problem)")
  }
}
