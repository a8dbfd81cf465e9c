import Foundation

/// Unique paths in the system's temporary folder, for tests that write files.
public enum TemporaryFiles {
  /// A path that does not exist yet, ending in `name`.
  ///
  /// - Parameter name: The file name's tail, such as `plot.svg`.
  /// - Returns: An absolute path in the temporary folder.
  public static func path(_ name: String) -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("lrlens-\(UUID().uuidString)-\(name)").path
  }
}
