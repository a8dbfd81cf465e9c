internal import LRLensCore

/// One series of a candidate: a dataset of an h5py group or a column of a pandas frame.
struct HDF5Series {
  /// How the values are stored.
  enum Storage {
    /// A whole dataset.
    case dataset(HDF5Dataset)
    /// Column `column` of a pandas block of `width` columns and `rows` rows.
    case block(values: HDF5Dataset, column: Int, width: Int, rows: Int, isTransposed: Bool)
    /// Position `column` of member `member` (of `width` values) of a pandas table.
    case member(table: HDF5Dataset, member: String, column: Int, width: Int)
  }

  /// The dataset or column name, as ``ColumnMatcher`` and the messages see it.
  var name: String
  /// The name in the inventory: `/finder/lr`, or `/sweep/lr` for column `lr` of frame
  /// `/sweep`.
  var path: String
  /// The length, when known.
  var count: Int?
  /// The stored type: `float64`, `int64`, ...
  var valueType: String
  /// The extent as listed in messages: `100` or `6, 3`.
  var extent: String
  /// How the values are stored.
  var storage: Storage
  /// The series' position in the file's inventory.
  var inventoryIndex = 0

  /// The object a point of the series is in: `dataset '/lr', index 3`.
  func location(ofIndex index: Int) -> String {
    switch storage {
    case .dataset(let dataset): "dataset '\(dataset.path)', index \(index)"
    case .block(let values, _, _, _, _): "dataset '\(values.path)', row \(index), column '\(name)'"
    case .member(let table, _, _, _): "dataset '\(table.path)', row \(index), column '\(name)'"
    }
  }
}

/// A group or frame that may hold the curve.
struct HDF5Candidate {
  /// What kind of container it is.
  enum Kind {
    /// A group of h5py datasets.
    case group
    /// A pandas frame in fixed format.
    case fixedFrame
    /// A pandas frame in table format.
    case tableFrame
  }

  /// The group's path.
  var path: String
  /// The kind of container.
  var kind: Kind
  /// Its numeric series, in file order.
  var series: [HDF5Series]

  /// What a series is called in messages.
  var noun: String { kind == .group ? "dataset" : "column" }

  /// The container in a location: `group '/finder'` or `frame '/lr_find'`.
  var detail: String { kind == .group ? "group '\(path)'" : "frame '\(path)'" }

  /// The candidate as listed in messages: `'/run_a' (pandas frame: 'lr' float64[8], ...)`.
  var summary: String {
    let limit = 10
    let shown = series.prefix(limit).map { "'\($0.name)' \($0.valueType)[\($0.extent)]" }
    let more = series.count > limit ? ", ..." : ""
    let kind = kind == .group ? "group" : "pandas frame"
    return "'\(path)' (\(kind): \(shown.joined(separator: ", "))\(more))"
  }
}

/// Which candidate to read, with the options to read it with.
struct HDF5Selection {
  /// The candidate's position in the catalog.
  var candidate: Int
  /// The options, with `--dataset` naming a loss dataset turned into its loss column.
  var options: ReadOptions
  /// Notes about the choice.
  var diagnostics: [Diagnostic]
}

/// Everything a file holds that lrlens might read: the candidates and the inventory.
struct HDF5Catalog {
  let file: HDF5File
  /// The groups and frames that may hold the curve, in file order.
  private(set) var candidates: [HDF5Candidate] = []
  /// Every dataset and frame column, in file order.
  private(set) var inventory: [SeriesSummary] = []
  /// Every object's path, with its class.
  private let objects: [HDF5ObjectEntry]
  /// The groups with a `pandas_type` attribute, with its value.
  private var pandasGroups: [String: String] = [:]
  /// For each object below a group with a `pandas_type` attribute, the nearest such group.
  private var pandasOwners: [String: String] = [:]

  /// Walks a file and describes what it holds; reads only pandas' column names.
  init(file: HDF5File) throws(LRLensError) {
    self.file = file
    objects = try file.objects()
    for object in objects where object.kind == .group {
      if let type = try file.group(object.path).stringAttribute("pandas_type") {
        pandasGroups[object.path] = String(decoding: type, as: UTF8.self)
      }
    }
    // HDF5 walks a group before its members, so each parent is settled before its children.
    for object in objects where object.path != "/" {
      let parent = parentPath(of: object.path)
      pandasOwners[object.path] = pandasGroups[parent] != nil ? parent : pandasOwners[parent]
    }
    var datasets: [String: HDF5Dataset] = [:]
    var seriesPaths: [String: [String]] = [:]
    for object in objects where object.kind == .dataset && frame(owning: object.path) == nil {
      let dataset = try file.dataset(object.path)
      datasets[object.path] = dataset
      if dataset.type.isNumber, let dimensions = dataset.dimensions, !dimensions.isEmpty,
        pandasGroup(owning: object.path) == nil
      {
        seriesPaths[parentPath(of: object.path), default: []].append(object.path)
      }
    }
    var candidateAt: [String: Int] = [:]
    for object in objects where object.kind == .group {
      var candidate: HDF5Candidate?
      switch pandasGroups[object.path] {
      case "frame": candidate = try PandasFrame.fixed(object.path, in: file, objects: objects)
      case "frame_table": candidate = try PandasFrame.table(object.path, in: file)
      case nil:
        let paths = seriesPaths[object.path] ?? []
        if paths.count >= 2, pandasGroup(owning: object.path) == nil {
          let series = paths.compactMap { path in datasets[path].map { Self.series($0) } }
          candidate = HDF5Candidate(path: object.path, kind: .group, series: series)
        }
      default: break
      }
      if let candidate {
        candidateAt[object.path] = candidates.count
        candidates.append(candidate)
      }
    }
    buildInventory(datasets: datasets, candidateAt: candidateAt)
  }

  /// Lists every dataset and frame column in file order, and records each candidate series'
  /// position in the list.
  private mutating func buildInventory(
    datasets: [String: HDF5Dataset], candidateAt: [String: Int]
  ) {
    for object in objects {
      if object.kind == .group, let index = candidateAt[object.path],
        candidates[index].kind != .group
      {
        for position in candidates[index].series.indices {
          candidates[index].series[position].inventoryIndex = inventory.count
          inventory.append(Self.summary(of: candidates[index].series[position]))
        }
      }
      guard object.kind == .dataset, let dataset = datasets[object.path] else { continue }
      if let index = candidateAt[parentPath(of: object.path)], candidates[index].kind == .group,
        let position = candidates[index].series.firstIndex(where: { $0.path == object.path })
      {
        candidates[index].series[position].inventoryIndex = inventory.count
        inventory.append(Self.summary(of: candidates[index].series[position]))
      } else {
        inventory.append(
          SeriesSummary(
            name: object.path, count: dataset.elementCount, valueType: dataset.type.name))
      }
    }
  }

  /// The series of one h5py dataset.
  private static func series(_ dataset: HDF5Dataset) -> HDF5Series {
    let extent = (dataset.dimensions ?? []).map { "\($0)" }.joined(separator: ", ")
    return HDF5Series(
      name: leafName(of: dataset.path), path: dataset.path, count: dataset.elementCount,
      valueType: dataset.type.name, extent: extent, storage: .dataset(dataset))
  }

  /// A series' inventory entry before it is read.
  private static func summary(of series: HDF5Series) -> SeriesSummary {
    SeriesSummary(name: series.path, count: series.count, valueType: series.valueType)
  }

  /// The pandas frame a path is inside of, if any.
  private func frame(owning path: String) -> String? {
    guard let owner = pandasGroup(owning: path), pandasGroups[owner]?.hasPrefix("frame") == true
    else { return nil }
    return owner
  }

  /// The nearest group above `path` (not `path` itself) with a `pandas_type` attribute.
  private func pandasGroup(owning path: String) -> String? {
    if let owner = pandasOwners[path] { return owner }
    // A path that is not an object's (one given with --dataset): walk up from its parent.
    let parent = parentPath(of: path)
    return pandasGroups[parent] != nil ? parent : pandasOwners[parent]
  }

  /// Chooses the candidate to read.
  func select(_ options: ReadOptions) throws(LRLensError) -> HDF5Selection {
    if let requested = options.dataset { return try select(requested, options: options) }
    guard !candidates.isEmpty else { throw nothingToRead() }
    if candidates.count == 1 {
      return HDF5Selection(candidate: 0, options: options, diagnostics: [])
    }
    let readable = candidates.indices.filter { index in
      let names = candidates[index].series.map(\.name)
      let location = file.location(candidates[index].detail)
      return (try? ColumnMatcher.choose(from: names, options: options, at: location)) != nil
    }
    guard readable.count == 1, let only = readable.first else {
      throw LRLensError(
        .badData, at: file.location(nil),
        problem: "expected one learning-rate range test, found \(candidates.count): "
          + quotedList(candidates.map(\.summary)),
        fix: "choose one with --dataset PATH")
    }
    let note = Diagnostic(
      .note, at: file.location(candidates[only].detail),
      "read '\(candidates[only].path)', the only one of the file's \(candidates.count) groups "
        + "and frames with a learning-rate and a loss series")
    return HDF5Selection(candidate: only, options: options, diagnostics: [note])
  }

  /// The candidate `--dataset` names: a group, a frame, a dataset inside a frame, or the
  /// loss dataset of a group.
  private func select(_ requested: String, options: ReadOptions) throws(LRLensError)
    -> HDF5Selection
  {
    var path = requested.hasPrefix("/") ? requested : "/" + requested
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    if let index = candidates.firstIndex(where: { $0.path == path }) {
      return HDF5Selection(candidate: index, options: options, diagnostics: [])
    }
    let exists = objects.contains { $0.path == path }
    if exists, let owner = frame(owning: path),
      let index = candidates.firstIndex(where: { $0.path == owner })
    {
      return HDF5Selection(candidate: index, options: options, diagnostics: [])
    }
    for (index, candidate) in candidates.enumerated() where candidate.kind == .group {
      guard let series = candidate.series.first(where: { $0.path == path }) else { continue }
      if let loss = options.lossColumn, loss != series.name {
        throw LRLensError(
          .usage, at: file.location(nil),
          problem: "--dataset names dataset '\(path)' but --loss-column names '\(loss)'",
          fix: "give the loss dataset with only one of --dataset and --loss-column")
      }
      var options = options
      options.lossColumn = series.name
      return HDF5Selection(candidate: index, options: options, diagnostics: [])
    }
    let known = candidates.map(\.summary)
    let problem =
      exists
      ? "expected a pandas frame, a group of numeric datasets or one of its datasets at "
        + "'\(path)' (from --dataset), found no learning-rate range test there"
      : "there is no group or dataset '\(path)' (from --dataset)"
    throw LRLensError(
      .badData, at: file.location(nil), problem: problem,
      fix: known.isEmpty
        ? "check the file with h5ls -r: it holds no learning-rate range test"
        : "pick one of \(quotedList(known)) with --dataset")
  }

  /// The error for a file that holds no candidate.
  private func nothingToRead() -> LRLensError {
    let found =
      inventory.isEmpty
      ? "no datasets"
      : "only "
        + quotedList(
          inventory.map { "'\($0.name)' (\($0.valueType ?? "?"), \($0.count ?? 0) values)" })
    return LRLensError(
      .badData, at: file.location(nil),
      problem: "expected a pandas frame or a group of numeric datasets such as 'lr' and 'loss', "
        + "found \(found)",
      fix: "export the learning rates and losses as numeric datasets (h5py) or a pandas frame "
        + "(DataFrame.to_hdf)")
  }
}

/// Items for a message, at most 20.
func quotedList(_ items: [String]) -> String {
  let limit = 20
  return items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", ..." : "")
}

/// The group holding an object: `/a` for `/a/b`, `/` for `/a`.
func parentPath(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
  return String(path[..<slash])
}

/// An object's own name: `b` for `/a/b`.
func leafName(of path: String) -> String {
  guard let slash = path.lastIndex(of: "/") else { return path }
  return String(path[path.index(after: slash)...])
}
