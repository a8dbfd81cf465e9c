internal import Foundation

/// Where the SVG plots of a batch go: the named file for one input, or one file per input in a
/// named folder.
package enum PlotDestinations {
  /// The SVG path for each input, in input order.
  ///
  /// With one input, `output` is the SVG file itself, unless it names an existing folder. With
  /// several, `output` must be an existing folder, and each input's plot is named after its
  /// path with the folder separators turned into `__` and `.svg` added
  /// (`runs/a/recorder.csv` → `runs__a__recorder.csv.svg`; standard input is `stdin.svg`).
  ///
  /// - Parameters:
  ///   - inputs: The input paths as given, in order.
  ///   - output: The file or folder the user named.
  /// - Returns: One SVG path per input.
  /// - Throws: `LRLensError`: `.cannotCreateOutput` when several inputs need a folder and
  ///   `output` is not one; `.usage` when two inputs would get the same file name.
  package static func paths(for inputs: [String], output: String) throws(LRLensError) -> [String] {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
    if inputs.count == 1 && !(exists && isDirectory.boolValue) {
      return [output]
    }
    guard exists && isDirectory.boolValue else {
      throw LRLensError(
        .cannotCreateOutput, at: InputLocation(path: output),
        problem: "\(inputs.count) plots need a folder to go in, and this is not one",
        fix: "create the folder first (mkdir -p \(output)), or plot one file at a time")
    }
    let folder = URL(fileURLWithPath: output)
    var seen: [String: String] = [:]
    return try inputs.map { input throws(LRLensError) in
      let name = fileName(for: input)
      if let earlier = seen[name] {
        throw LRLensError(
          .usage, at: InputLocation(path: input),
          problem: "its plot would have the same name as that of '\(earlier)' (\(name))",
          fix: "plot the two files into different folders")
      }
      seen[name] = input
      return folder.appendingPathComponent(name).path
    }
  }

  /// The plot file name of one input: its path with separators as `__`, plus `.svg`.
  ///
  /// - Parameter input: The input path as given.
  /// - Returns: A file name without folder separators.
  static func fileName(for input: String) -> String {
    if input == "-" { return "stdin.svg" }
    var trimmed = Substring(input)
    while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
    while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
    let parts = trimmed.split(separator: "/").filter { $0 != "." }
    return parts.map { $0 == ".." ? "up" : String($0) }.joined(separator: "__") + ".svg"
  }
}
