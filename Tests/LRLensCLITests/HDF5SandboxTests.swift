import Foundation
import LRLensTestSupport
import Testing

/// One crafted HDF5 file that crashes or exhausts libhdf5 1.10.8 in process
/// (scripts/fixtures/make_hdf5_crashes.py).
struct CrashingHDF5File: CustomTestStringConvertible, Sendable {
  var name: String
  var problem: String
  var testDescription: String { name }

  static let all = [
    CrashingHDF5File(
      name: "zero_chunk_dimension.h5", problem: "error: libhdf5 crashed (SIGFPE) reading the file"),
    CrashingHDF5File(
      name: "shared_fill_value.h5", problem: "error: libhdf5 crashed (SIGSEGV) reading the file"),
    CrashingHDF5File(name: "heap_free_list_loop.h5", problem: "memory allocation failed"),
  ]
}

@Suite struct HDF5SandboxTests {
  @Test(arguments: CrashingHDF5File.all)
  func crashingFileIsBadDataNamingTheFile(_ file: CrashingHDF5File) {
    let path = "fixtures/hdf5-crashes/\(file.name)"
    let result = runLRLens(["suggest", path])
    #expect(result.status == 65)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix(path))
    #expect(result.standardError.contains(file.problem), "\(result.standardError)")
  }

  @Test func crashesInABatchLoseNoOtherResult() throws {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("lrlens-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let good = Fixtures.url("runs/fastai_cnn_digits/lr_find_h5py.h5")
    let copies = [
      ("a.h5", good), ("b.h5", Fixtures.url("hdf5-crashes/zero_chunk_dimension.h5")),
      ("c.h5", Fixtures.url("hdf5/h5py_int.h5")),
      ("d.h5", Fixtures.url("hdf5-crashes/shared_fill_value.h5")), ("e.h5", good),
    ]
    for (name, source) in copies {
      try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name))
    }
    let csv = folder.appendingPathComponent("summary.csv").path
    let plots = folder.appendingPathComponent("plots").path
    try FileManager.default.createDirectory(atPath: plots, withIntermediateDirectories: true)
    let result = runLRLens([
      "suggest", folder.path, "--json", "--csv", csv, "--plot", plots, "--quiet",
    ])
    #expect(result.status == 65)
    let files = result.standardOutput.split(separator: "\n").compactMap { line in
      let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
      return ((object as? [String: Any])?["file"] as? String).map {
        ($0 as NSString).lastPathComponent
      }
    }
    #expect(files == ["a.h5", "c.h5", "e.h5"])
    #expect(result.standardError.contains("b.h5: error: libhdf5 crashed (SIGFPE) reading the file"))
    #expect(
      result.standardError.contains("d.h5: error: libhdf5 crashed (SIGSEGV) reading the file"))
    let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
    #expect(rows.count == 6)
    #expect(rows[2].contains("b.h5,,,,,,"))
    #expect(rows[2].contains(",65,libhdf5 crashed (SIGFPE) reading the file"))
    let written = try FileManager.default.contentsOfDirectory(atPath: plots).sorted()
    #expect(written.map { $0.suffix(8) } == ["a.h5.svg", "c.h5.svg", "e.h5.svg"])
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }
}
