import ArgumentParser
import Foundation
import LRLens

/// Refuses, before any work, an output path that is one of the inputs or another output: a
/// report must never overwrite the log it reports on, nor two outputs each other.
enum OutputCollisions {
  /// Checks that every output names a file of its own.
  ///
  /// Two paths are the same file when both exist with one device and inode (hard links,
  /// symbolic links, `./a` and `a`), or when their absolute, resolved forms are equal.
  ///
  /// - Parameters:
  ///   - inputs: The input files (`-` is skipped).
  ///   - outputs: Each output's flag and path.
  /// - Throws: `ExitCode(64)` after reporting the first collision on stderr.
  static func check(inputs: [String], outputs: [(flag: String, path: String)]) throws {
    var seen: [(identity: String, description: String)] = inputs.filter { $0 != "-" }.map {
      (identity($0), "the input '\($0)'")
    }
    for (flag, path) in outputs {
      let key = identity(path)
      if let earlier = seen.first(where: { $0.identity == key }) {
        let error = LRLensError(
          .usage, at: InputLocation(path: path),
          problem: "\(flag) would overwrite \(earlier.description)",
          fix: "choose another path for \(flag)")
        StandardStreams.report(error)
        throw ExitCode(error.kind.exitCode)
      }
      seen.append((key, "the output of \(flag)"))
    }
  }

  /// A key equal for two paths that name the same file.
  private static func identity(_ path: String) -> String {
    if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let device = attributes[.systemNumber], let inode = attributes[.systemFileNumber]
    {
      return "inode \(device):\(inode)"
    }
    return URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }
}
