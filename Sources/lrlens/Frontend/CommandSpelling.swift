import Foundation

/// Catches a mistyped subcommand (`lrlens sugest run.csv`) before it is read as a file name by
/// the default subcommand.
enum CommandSpelling {
  /// The subcommand a first argument was probably meant to be, if any.
  ///
  /// A first argument is a misspelling when it is not a subcommand, starts with no `-`, names
  /// no existing file or folder and holds no glob character, and is within two edits
  /// (insertions, deletions, substitutions or swaps of neighbours) of exactly the nearest
  /// subcommand.
  ///
  /// - Parameters:
  ///   - argument: The first command-line argument.
  ///   - commands: The subcommand names.
  /// - Returns: The subcommand meant, or `nil`.
  static func correction(of argument: String, among commands: [String]) -> String? {
    guard !commands.contains(argument), !argument.hasPrefix("-"),
      !argument.contains(where: { "*?[{/.".contains($0) }),
      !FileManager.default.fileExists(atPath: argument)
    else { return nil }
    let distances = commands.map { (name: $0, distance: editDistance(argument, $0)) }
    guard let best = distances.min(by: { $0.distance < $1.distance }), best.distance <= 2,
      best.distance < argument.count
    else { return nil }
    return best.name
  }

  /// The optimal string alignment distance between two words.
  static func editDistance(_ first: String, _ second: String) -> Int {
    let a = Array(first.lowercased())
    let b = Array(second.lowercased())
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
        }
      }
    }
    return table[a.count][b.count]
  }
}
