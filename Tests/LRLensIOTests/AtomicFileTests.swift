import Foundation
import LRLensCore
import LRLensIO
import Testing

@Suite struct AtomicFileTests {
  private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("lrlens-output-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  private func leftovers(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
  }

  @Test func writesANewFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("new.txt").path
    try AtomicFile.write(Array("first".utf8), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
    #expect(try leftovers(in: folder).isEmpty)
  }

  @Test func replacesAnExistingFileWhole() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("old.txt").path
    try Data(String(repeating: "old content ", count: 100).utf8).write(
      to: URL(fileURLWithPath: path))
    try AtomicFile.write(Array("new".utf8), to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    #expect(try leftovers(in: folder).isEmpty)
  }

  @Test func failsInAMissingFolderAndLeavesNothing() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("missing/out.txt").path
    #expect {
      try AtomicFile.write(Array("x".utf8), to: path)
    } throws: { error in
      guard let error = error as? LRLensError else { return false }
      return error.kind == .cannotCreateOutput && error.description.hasPrefix(path + ": error:")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}
