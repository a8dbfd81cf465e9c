internal import Foundation

/// Turns the paths a user names into the log files to read: files as they are, directories as
/// the log files inside them, glob patterns as their matches.
package enum InputExpander {
  /// One file to read, and whether the user named it or lrlens found it.
  package struct Input: Sendable, Equatable {
    /// The path, as given or as found.
    package var path: String
    /// Whether the file was found in a directory or by a glob pattern rather than named.
    package var isFound: Bool

    /// Creates an input.
    ///
    /// - Parameters:
    ///   - path: The path.
    ///   - isFound: Whether it was found rather than named.
    package init(path: String, isFound: Bool) {
      self.path = path
      self.isFound = isFound
    }
  }

  /// The file names a directory contributes: the formats lrlens reads, by extension or name.
  static func looksLikeLog(_ name: String) -> Bool {
    let lowered = name.lowercased()
    if lowered.hasPrefix(".") { return false }
    if lowered.contains("tfevents") { return true }
    return [".csv", ".tsv", ".json", ".h5", ".hdf5", ".log", ".txt"].contains {
      lowered.hasSuffix($0)
    }
  }

  /// Expands the paths given on the command line, keeping their order.
  ///
  /// A file is kept as it is (whatever its name), and so is `-`. A directory gives the log
  /// files directly inside it (`.csv`, `.tsv`, `.json`, `.h5`, `.hdf5`, `.log`, `.txt` and
  /// `*tfevents*` names), or anywhere below it with `recursive`, in sorted path order. A path
  /// that does not exist but holds `*`, `?`, `[` or `{` is a glob pattern (see ``GlobPattern``:
  /// `**` crosses folders, `{a,b}` gives alternatives) and gives its matches in sorted order.
  /// Anything else is kept, so that reading it reports the missing file.
  ///
  /// - Parameters:
  ///   - paths: The paths as the user gave them.
  ///   - recursive: Whether directories are searched below their first level.
  /// - Returns: The files to read, in input order.
  package static func expand(_ paths: [String], recursive: Bool) -> [String] {
    expandInputs(paths, recursive: recursive).map(\.path)
  }

  /// Expands the paths given on the command line as ``expand(_:recursive:)`` does, saying which
  /// files were found rather than named, and leaving out those an exclusion pattern matches.
  ///
  /// - Parameters:
  ///   - paths: The paths as the user gave them.
  ///   - recursive: Whether directories are searched below their first level.
  ///   - excluding: Glob patterns (`--exclude`): a file is left out when its path, or its end
  ///     from some `/` on (its name, for a pattern without `/`), matches one.
  /// - Returns: The files to read, in input order.
  package static func expandInputs(
    _ paths: [String], recursive: Bool, excluding: [String] = []
  ) -> [Input] {
    let exclusions = excluding.map(GlobPattern.init)
    let inputs = paths.flatMap { path -> [Input] in
      if path == "-" { return [Input(path: path, isFound: false)] }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else { return [Input(path: path, isFound: false)] }
        return files(in: path, recursive: recursive).map { Input(path: $0, isFound: true) }
      }
      if path.contains(where: { "*?[{".contains($0) }) {
        let matches = GlobPattern(path).matchingFiles()
        if !matches.isEmpty { return matches.map { Input(path: $0, isFound: true) } }
      }
      return [Input(path: path, isFound: false)]
    }
    return inputs.filter { input in
      input.path == "-" || !exclusions.contains { $0.matchesPathOrName(input.path) }
    }
  }

  /// Whether a failure to read a found file means it is no learning-rate log at all (a run
  /// folder's notes, an index or an oracle), so that a batch skips it with a note.
  ///
  /// - Parameter error: The reader's error.
  /// - Returns: Whether the file holds no learning-rate series.
  package static func meansNotALog(_ error: LRLensError) -> Bool {
    ReaderRegistry.meansNoLearningRateSeries(error)
  }

  /// The log files in a directory, sorted by path.
  private static func files(in directory: String, recursive: Bool) -> [String] {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    return relativeFiles(below: base, recursive: recursive)
      .filter { name in
        let last = name.split(separator: "/").last.map(String.init) ?? name
        return looksLikeLog(last)
      }
      .map { "\(base)/\($0)" }
      .sorted()
  }

  /// The regular files below a directory, relative to it, with hidden names left out.
  static func relativeFiles(below base: String, recursive: Bool) -> [String] {
    let manager = FileManager.default
    let names: [String]
    if recursive {
      names = (manager.enumerator(atPath: base)?.allObjects as? [String]) ?? []
    } else {
      names = (try? manager.contentsOfDirectory(atPath: base)) ?? []
    }
    return names.filter { name in
      var isDirectory: ObjCBool = false
      let exists = manager.fileExists(atPath: "\(base)/\(name)", isDirectory: &isDirectory)
      return exists && !isDirectory.boolValue
        && !name.split(separator: "/").contains { $0.hasPrefix(".") }
    }
  }
}
