import Foundation

/// Locates the package's `fixtures/` folder from this source file, so tests run from any
/// working directory.
public enum Fixtures {
  /// The package root.
  public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // LRLensTestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// The URL of a file or folder under `fixtures/`.
  ///
  /// - Parameter relativePath: The path below `fixtures/`, such as `fastai_mlp_digits/recorder.csv`.
  /// - Returns: Its URL.
  public static func url(_ relativePath: String) -> URL {
    packageRoot.appendingPathComponent("fixtures").appendingPathComponent(relativePath)
  }

  /// The reference runs copied from the frameworks' real exports (`fixtures/runs/*`), by name.
  ///
  /// - Throws: The file system's error when `fixtures/runs` cannot be listed.
  public static func referenceRuns() throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: url("runs").path)
    return names.filter { !$0.hasPrefix(".") }.sorted()
  }

  /// The bytes of a fixture file.
  ///
  /// A fixture that cannot be read stops the test run with its path: a test must never pass
  /// on an empty stand-in.
  ///
  /// - Parameter relativePath: The path below `fixtures/`.
  /// - Returns: Its bytes.
  public static func bytes(_ relativePath: String) -> [UInt8] {
    do {
      return try [UInt8](Data(contentsOf: url(relativePath)))
    } catch {
      fatalError("cannot read fixtures/\(relativePath): \(error)")
    }
  }
}
