internal import Foundation

#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// Turns the paths a user names into the log files to read: files as they are, directories as
/// the log files inside them, glob patterns as their matches.
package enum InputExpander {
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
  /// that does not exist but holds `*`, `?` or `[` is a glob pattern and gives its matches in
  /// sorted order. Anything else is kept, so that reading it reports the missing file.
  ///
  /// - Parameters:
  ///   - paths: The paths as the user gave them.
  ///   - recursive: Whether directories are searched below their first level.
  /// - Returns: The files to read, in input order.
  package static func expand(_ paths: [String], recursive: Bool) -> [String] {
    paths.flatMap { path -> [String] in
      if path == "-" { return [path] }
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
        return isDirectory.boolValue ? files(in: path, recursive: recursive) : [path]
      }
      if path.contains(where: { "*?[".contains($0) }) {
        let matches = globMatches(path)
        return matches.isEmpty ? [path] : matches
      }
      return [path]
    }
  }

  /// The log files in a directory, sorted by path.
  private static func files(in directory: String, recursive: Bool) -> [String] {
    let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
    let manager = FileManager.default
    let names: [String]
    if recursive {
      names = (manager.enumerator(atPath: base)?.allObjects as? [String]) ?? []
    } else {
      names = (try? manager.contentsOfDirectory(atPath: base)) ?? []
    }
    return names.filter { name in
      let path = "\(base)/\(name)"
      var isDirectory: ObjCBool = false
      let exists = manager.fileExists(atPath: path, isDirectory: &isDirectory)
      let last = name.split(separator: "/").last.map(String.init) ?? name
      return exists && !isDirectory.boolValue && looksLikeLog(last)
        && !name.split(separator: "/").contains { $0.hasPrefix(".") }
    }
    .map { "\(base)/\($0)" }
    .sorted()
  }

  /// The files a glob pattern matches, sorted.
  ///
  /// Wraps `glob`.
  private static func globMatches(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else { return [] }
    return (0..<Int(result.gl_pathc)).compactMap { index in
      result.gl_pathv[index].map { String(cString: $0) }
    }
    .sorted()
  }
}
