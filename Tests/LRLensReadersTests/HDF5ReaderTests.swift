import Foundation
import LRLensCore
import LRLensReaders
import LRLensTestSupport
import Testing

/// An `.h5` export of a reference run, compared with the run's CSV and JSON exports.
struct HDF5RunExport: CustomTestStringConvertible, Sendable {
  /// The run folder.
  var run: String
  /// The `.h5` file's name.
  var file: String

  var testDescription: String { "\(run)/\(file)" }

  /// Every `.h5` file under `fixtures/runs`, by run and name.
  static func all() throws -> [HDF5RunExport] {
    try Fixtures.referenceRuns().flatMap { run in
      try files(of: run).filter { $0.hasSuffix(".h5") }.map { HDF5RunExport(run: run, file: $0) }
    }
  }

  /// The names of a run folder's files, sorted.
  static func files(of run: String) throws -> [String] {
    let folder = Fixtures.url("runs/\(run)").path
    return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
  }

  /// The run's CSV and JSON exports of the curve (not its oracle or expectations).
  func textExports() throws -> [String] {
    try Self.files(of: run).filter { name in
      (name.hasSuffix(".csv") || name.hasSuffix(".json"))
        && !["expected.json", "oracle.json"].contains(name)
    }
  }
}

/// An HDF5 fixture and what must be read from it.
struct HDF5Case: CustomTestStringConvertible, Sendable {
  var name: String
  /// The file below `fixtures/`.
  var file: String
  var options = ReadOptions()
  var learningRates: [Double]
  var losses: [Double]
  var rawLosses: [Double]?
  var learningRateName = "lr"
  var lossName = "loss"
  /// The inventory's names and types, in order.
  var inventory: [String]

  var testDescription: String { name }
}

/// The first `count` learning rates of `make_hdf5.py`, 1e-4 · 10^(i/4) as numpy computes them
/// (its power differs from libm's `pow` in the last bit for i = 10).
private func grid(_ count: Int) -> [Double] {
  let numpy = [
    0.0001, 0.0001778279410038923, 0.000316227766016838, 0.0005623413251903491, 0.001,
    0.001778279410038923, 0.0031622776601683794, 0.005623413251903491, 0.01,
    0.01778279410038923, 0.03162277660168379, 0.056234132519034905,
  ]
  return Array(numpy.prefix(count))
}

/// The first `count` losses of `make_hdf5.py`, 2.5 − i/10 + (i/6)² as numpy computes them.
private func valley(_ count: Int) -> [Double] {
  let numpy = [
    2.5, 2.4277777777777776, 2.411111111111111, 2.45, 2.5444444444444443, 2.6944444444444446,
    2.9, 3.1611111111111114, 3.477777777777778, 3.85, 4.277777777777779, 4.761111111111111,
  ]
  return Array(numpy.prefix(count))
}

/// Values stored as float32 and read back.
private func float32(_ values: [Double]) -> [Double] {
  values.map { Double(Float($0)) }
}

/// The fixtures' bytes with a few bytes changed, cut or overwritten, from a seed.
private func mutate(_ bytes: [UInt8], seed: UInt64) -> [UInt8] {
  var random = SplitMix64(seed: seed)
  var bytes = bytes
  switch Int.random(in: 0..<4, using: &random) {
  case 0:
    for _ in 0..<Int.random(in: 1...8, using: &random) {
      bytes[Int.random(in: 0..<bytes.count, using: &random)] = .random(in: 0...255, using: &random)
    }
  case 1:
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      let bit = UInt8.random(in: 0...7, using: &random)
      bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 1 << bit
    }
  case 2:
    bytes = Array(bytes.prefix(Int.random(in: 8..<bytes.count, using: &random)))
  default:
    let start = Int.random(in: 0..<bytes.count, using: &random)
    for index in start..<min(bytes.count, start + Int.random(in: 1...64, using: &random)) {
      bytes[index] = .random(in: 0...255, using: &random)
    }
  }
  return bytes
}

@Suite struct HDF5ReaderTests {
  static let cases: [HDF5Case] = [
    HDF5Case(
      name: "pandas table format, two blocks", file: "hdf5/pandas_table.h5",
      learningRates: grid(12), losses: valley(12),
      inventory: ["/lr_find/lr float64", "/lr_find/loss float64", "/lr_find/iteration int64"]),
    HDF5Case(
      name: "pandas fixed format, float64 and int64 blocks", file: "hdf5/pandas_fixed_blocks.h5",
      learningRates: grid(10), losses: Array(valley(9)) + [.nan],
      inventory: ["/sweep/iteration int64", "/sweep/lr float64", "/sweep/loss float64"]),
    HDF5Case(
      name: "h5py float32 datasets in a group", file: "hdf5/h5py_float32_group.h5",
      learningRates: float32(grid(10)), losses: float32(valley(10)),
      inventory: ["/finder/loss float32", "/finder/lr float32", "/finder/note string"]),
    HDF5Case(
      name: "h5py integer datasets", file: "hdf5/h5py_int.h5",
      learningRates: [1, 2, 4, 8, 16, 32, 64, 128], losses: [9, 7, 6, 5, 5, 6, 8, 12],
      inventory: ["/loss int32", "/lr int64", "/step uint8"]),
    HDF5Case(
      name: "h5py integer datasets, --loss-column", file: "hdf5/h5py_int.h5",
      options: ReadOptions(lossColumn: "step"),
      learningRates: [1, 2, 4, 8, 16, 32, 64, 128], losses: [0, 1, 2, 3, 4, 5, 6, 7],
      lossName: "step", inventory: ["/loss int32", "/lr int64", "/step uint8"]),
    HDF5Case(
      name: "nested groups, smoothed and raw losses", file: "hdf5/nested_groups.h5",
      learningRates: grid(9), losses: valley(9), rawLosses: valley(9).map { $0 + 1 },
      lossName: "smooth_loss",
      inventory: [
        "/experiment/meta/accuracy float64", "/experiment/meta/epochs int64",
        "/experiment/meta/seed int64",
        "/experiment/run1/finder/loss float64", "/experiment/run1/finder/lr float64",
        "/experiment/run1/finder/smooth_loss float64",
      ]),
    HDF5Case(
      name: "--dataset names the loss dataset", file: "hdf5/nested_groups.h5",
      options: ReadOptions(dataset: "/experiment/run1/finder/loss"),
      learningRates: grid(9), losses: valley(9).map { $0 + 1 },
      inventory: [
        "/experiment/meta/accuracy float64", "/experiment/meta/epochs int64",
        "/experiment/meta/seed int64",
        "/experiment/run1/finder/loss float64", "/experiment/run1/finder/lr float64",
        "/experiment/run1/finder/smooth_loss float64",
      ]),
    HDF5Case(
      name: "superblock after a 512-byte user block", file: "hdf5/userblock_512.h5",
      learningRates: grid(6), losses: valley(6), learningRateName: "lrs", lossName: "losses",
      inventory: ["/losses float64", "/lrs float64"]),
    HDF5Case(
      name: "--dataset chooses a frame", file: "hdf5/two_frames.h5",
      options: ReadOptions(dataset: "/run_b"), learningRates: grid(6), losses: valley(6),
      inventory: [
        "/run_a/lr float64", "/run_a/loss float64", "/run_b/lr float64", "/run_b/loss float64",
      ]),
    HDF5Case(
      name: "--dataset names a dataset of a frame, relative and with a slash",
      file: "hdf5/two_frames.h5", options: ReadOptions(dataset: "run_a/block0_values/"),
      learningRates: grid(8), losses: valley(8),
      inventory: [
        "/run_a/lr float64", "/run_a/loss float64", "/run_b/lr float64", "/run_b/loss float64",
      ]),
  ]

  static let failures: [ReadFailure] = [
    ReadFailure(
      "truncated: the first half of a real file",
      bytes: Array(Fixtures.bytes("runs/fastai_cnn_digits/lr_find_pandas.h5").prefix(4392)),
      message: """
        run.h5: error: not a readable HDF5 file: unable to open file: unable to read \
        superblock: truncated file: eof = 4392, sblock->base_addr = 0, stored_eof = 8784
          fix: check that the file is a complete HDF5 file (is it truncated?)
        """),
    ReadFailure(
      "garbage after the signature", bytes: HDF5Reader.signature + Array("garbage".utf8),
      message: """
        run.h5: error: not a readable HDF5 file: unable to open file: unable to read \
        superblock: unable to load superblock: H5C_protect() failed: can't load entry: \
        incorrect metadata checksum after all read attempts: can't decode file superblock \
        prefix: bad superblock version number
          fix: check that the file is a complete HDF5 file (is it truncated?)
        """),
    ReadFailure(
      "empty", bytes: [],
      message: """
        run.h5: error: not a readable HDF5 file: the file is empty
          fix: check that the file is a complete HDF5 file (is it truncated?)
        """),
    ReadFailure(
      "no signature", "lr,loss\n0.1,2\n",
      message: """
        run.h5: error: not a readable HDF5 file: unable to open file: unable to read \
        superblock: file signature not found
          fix: check that the file is a complete HDF5 file (is it truncated?)
        """),
    ReadFailure(
      "no numeric datasets", bytes: Fixtures.bytes("hdf5/no_numeric.h5"),
      message: """
        run.h5: error: expected a pandas frame or a group of numeric datasets such as 'lr' and \
        'loss', found only '/names' (string, 2 values)
          fix: export the learning rates and losses as numeric datasets (h5py) or a pandas \
        frame (DataFrame.to_hdf)
        """),
    ReadFailure(
      "a 2-D loss", bytes: Fixtures.bytes("hdf5/wrong_shape.h5"),
      message: """
        run.h5 (dataset '/loss'): error: expected a 1-D dataset, found shape (6, 3)
          fix: store the series as a 1-D dataset, or pick another dataset with --loss-column
        """),
    ReadFailure(
      "two frames", bytes: Fixtures.bytes("hdf5/two_frames.h5"),
      message: """
        run.h5: error: expected one learning-rate range test, found 2: '/run_a' (pandas \
        frame: 'lr' float64[8], 'loss' float64[8]), '/run_b' (pandas frame: 'lr' float64[6], \
        'loss' float64[6])
          fix: choose one with --dataset PATH
        """),
    ReadFailure(
      "--dataset names nothing", bytes: Fixtures.bytes("hdf5/two_frames.h5"),
      options: ReadOptions(dataset: "/nope"),
      message: """
        run.h5: error: there is no group or dataset '/nope' (from --dataset)
          fix: pick one of '/run_a' (pandas frame: 'lr' float64[8], 'loss' float64[8]), \
        '/run_b' (pandas frame: 'lr' float64[6], 'loss' float64[6]) with --dataset
        """),
    ReadFailure(
      "--dataset names a group without a curve", bytes: Fixtures.bytes("hdf5/nested_groups.h5"),
      options: ReadOptions(dataset: "/experiment"),
      message: """
        run.h5: error: expected a pandas frame, a group of numeric datasets or one of its \
        datasets at '/experiment' (from --dataset), found no learning-rate range test there
          fix: pick one of '/experiment/meta' (group: 'accuracy' float64[3], 'epochs' int64[3]), \
        '/experiment/run1/finder' (group: 'loss' float64[9], 'lr' float64[9], 'smooth_loss' \
        float64[9]) with --dataset
        """),
    ReadFailure(
      "--dataset names a group without learning rates",
      bytes: Fixtures.bytes("hdf5/nested_groups.h5"),
      options: ReadOptions(dataset: "/experiment/meta"),
      message: """
        run.h5 (group '/experiment/meta'): error: found no learning-rate dataset among \
        'accuracy', 'epochs'
          fix: name the learning-rate dataset with --lr-column
        """),
    ReadFailure(
      "--dataset and --loss-column disagree", bytes: Fixtures.bytes("hdf5/nested_groups.h5"),
      options: ReadOptions(lossColumn: "smooth_loss", dataset: "/experiment/run1/finder/loss"),
      kind: .usage,
      message: """
        run.h5: error: --dataset names dataset '/experiment/run1/finder/loss' but \
        --loss-column names 'smooth_loss'
          fix: give the loss dataset with only one of --dataset and --loss-column
        """),
    ReadFailure(
      "--loss-column names no dataset", bytes: Fixtures.bytes("hdf5/h5py_int.h5"),
      options: ReadOptions(lossColumn: "nope"),
      message: """
        run.h5 (group '/'): error: there is no dataset 'nope' (from --loss-column)
          fix: pick one of 'loss', 'lr', 'step' with --loss-column
        """),
    ReadFailure(
      "a zero learning rate in an h5py dataset", bytes: Fixtures.bytes("hdf5/h5py_int.h5"),
      options: ReadOptions(learningRateColumn: "step"),
      message: """
        run.h5 (dataset '/step', index 0): error: expected a learning rate greater than 0 in \
        dataset 'step', found '0.0'
          fix: repair the value at index 0 of dataset '/step', or pick another dataset with \
        --lr-column
        """),
    ReadFailure(
      "a zero learning rate in a fixed frame", bytes: Fixtures.bytes("hdf5/pandas_fixed_blocks.h5"),
      options: ReadOptions(learningRateColumn: "iteration"),
      message: """
        run.h5 (dataset '/sweep/block0_values', row 0, column 'iteration'): error: expected a \
        learning rate greater than 0 in column 'iteration', found '0.0'
          fix: repair row 0 of column 'iteration' in frame '/sweep', or pick another column \
        with --lr-column
        """),
    ReadFailure(
      "a zero learning rate in a table", bytes: Fixtures.bytes("hdf5/pandas_table.h5"),
      options: ReadOptions(learningRateColumn: "iteration"),
      message: """
        run.h5 (dataset '/lr_find/table', row 0, column 'iteration'): error: expected a \
        learning rate greater than 0 in column 'iteration', found '0.0'
          fix: repair row 0 of column 'iteration' in frame '/lr_find', or pick another column \
        with --lr-column
        """),
    ReadFailure(
      "more values than the file can hold", bytes: Fixtures.bytes("hdf5/huge_claim.h5"),
      message: """
        run.h5 (dataset '/lr'): error: dataset of shape (10000000,) claims more values than a \
        1672-byte file can hold (lrlens reads at most 13376 values from it, 8 per byte)
          fix: check that the file is not corrupt, or export the range test on its own
        """),
    ReadFailure(
      "values in an external file", bytes: Fixtures.bytes("hdf5/external.h5"),
      message: """
        run.h5 (dataset '/lr'): error: expected values stored in this file, found a dataset \
        stored in external files
          fix: store the values in the file itself (h5py: read them and write them again)
        """),
    ReadFailure(
      "a virtual dataset", bytes: Fixtures.bytes("hdf5/virtual.h5"),
      message: """
        run.h5 (dataset '/lr'): error: expected values stored in this file, found a virtual \
        dataset
          fix: store the values in the file itself (h5py: read them and write them again)
        """),
    ReadFailure(
      "compact storage smaller than the values", bytes: Fixtures.bytes("hdf5/corrupt_layout.h5"),
      message: """
        run.h5 (dataset '/lr'): error: expected 800 bytes of storage for shape (100,) and type \
        float64, found 0
          fix: check that the file is a complete, uncorrupted HDF5 file (is it truncated?)
        """),
    ReadFailure(
      "a compound member outside its record", bytes: Fixtures.bytes("hdf5/corrupt_member.h5"),
      message: """
        run.h5 (dataset '/lr_find/table'): error: expected member 'values_block_1' of the \
        compound type within its 32-byte records, found it at bytes 8519704 to 8519712
          fix: check that the file is a complete, uncorrupted HDF5 file (is it truncated?)
        """),
  ]

  @Test func findsEveryRunExport() throws {
    #expect(try HDF5RunExport.all().count == 18)
  }

  @Test(arguments: try HDF5RunExport.all())
  func readsRunExportsLikeTheirCSVAndJSONExports(_ export: HDF5RunExport) throws {
    let bytes = Fixtures.bytes("runs/\(export.run)/\(export.file)")
    let curve = try HDF5Reader().read(
      LogInput(path: export.testDescription, bytes: bytes), options: ReadOptions()
    ).curve
    #expect(curve.provenance.format == .hdf5)
    #expect(try !export.textExports().isEmpty)
    for name in try export.textExports() {
      let input = LogInput(path: name, bytes: Fixtures.bytes("runs/\(export.run)/\(name)"))
      let text =
        name.hasSuffix(".csv")
        ? try CSVReader().read(input, options: ReadOptions()).curve
        : try JSONReader().read(input, options: ReadOptions()).curve
      #expect(sameValues(curve.learningRates, text.learningRates), "\(name)")
      #expect(sameValues(curve.losses, text.losses), "\(name)")
    }
  }

  @Test(arguments: cases)
  func readsFixtures(_ testCase: HDF5Case) throws {
    let input = LogInput(path: testCase.file, bytes: Fixtures.bytes(testCase.file))
    let result = try HDF5Reader().read(input, options: testCase.options)
    let curve = result.curve
    #expect(sameValues(curve.learningRates, testCase.learningRates))
    #expect(sameValues(curve.losses, testCase.losses))
    #expect(
      curve.rawLosses.map { sameValues($0, testCase.rawLosses ?? []) }
        ?? (testCase.rawLosses == nil))
    #expect(curve.provenance.learningRateName == testCase.learningRateName)
    #expect(curve.provenance.lossName == testCase.lossName)
    #expect(curve.provenance.format == .hdf5)
    #expect(result.inventory.map { "\($0.name) \($0.valueType ?? "")" } == testCase.inventory)
  }

  @Test func inventoryGivesRolesAndNonFiniteCounts() throws {
    let input = LogInput(path: "run.h5", bytes: Fixtures.bytes("hdf5/pandas_fixed_blocks.h5"))
    let inventory = try HDF5Reader().read(input, options: ReadOptions()).inventory
    #expect(
      inventory == [
        SeriesSummary(name: "/sweep/iteration", count: 10, valueType: "int64", nonFiniteCount: 0),
        SeriesSummary(
          name: "/sweep/lr", count: 10, valueType: "float64", role: .learningRate,
          nonFiniteCount: 0),
        SeriesSummary(
          name: "/sweep/loss", count: 10, valueType: "float64", role: .loss, nonFiniteCount: 1),
      ])
  }

  @Test func notesTheOnlyGroupWithACurve() throws {
    let bytes = Fixtures.bytes("hdf5/nested_groups.h5")
    let result = try HDF5Reader().read(
      LogInput(path: "run.h5", bytes: bytes), options: ReadOptions())
    #expect(
      result.diagnostics.map(\.description) == [
        "run.h5 (group '/experiment/run1/finder'): note: read '/experiment/run1/finder', the "
          + "only one of the file's 2 groups and frames with a learning-rate and a loss series"
      ])
    #expect(
      result.inventory.map(\.role) == [nil, nil, nil, .rawLoss, .learningRate, .loss])
  }

  @Test(arguments: failures)
  func refuses(_ failure: ReadFailure) {
    failure.expectFailure(of: HDF5Reader(), path: "run.h5")
  }

  @Test func recognizesTheSignatureWhereHDF5LooksForIt() throws {
    let signature = HDF5Reader.signature
    let recognizes = { (bytes: [UInt8]) in
      HDF5Reader.recognizes(LogInput(path: "x", bytes: bytes))
    }
    #expect(recognizes(signature))
    #expect(recognizes(Fixtures.bytes("hdf5/userblock_512.h5")))
    #expect(recognizes([UInt8](repeating: 0, count: 2048) + signature))
    #expect(!recognizes([UInt8](repeating: 0, count: 100) + signature))
    #expect(!recognizes([UInt8](repeating: 0, count: 511) + signature))
    #expect(!recognizes(Array(signature.prefix(7))))
    #expect(!recognizes([]))
    #expect(!recognizes(Array("lr,loss\n0.1,2\n".utf8)))
    #expect(
      try HDF5RunExport.all().allSatisfy { export in
        recognizes(Fixtures.bytes("runs/\(export.run)/\(export.file)"))
      })
  }

  /// HDF5 is not thread-safe: readers running at once must still agree, one lock serialising
  /// every call.
  @Test func readsFromManyTasksAtOnce() async throws {
    let files = ["hdf5/pandas_table.h5", "hdf5/pandas_fixed_blocks.h5", "hdf5/h5py_int.h5"]
    let inputs = files.map { LogInput(path: $0, bytes: Fixtures.bytes($0)) }
    var expected: [[Double]] = []
    for input in inputs {
      expected.append(try HDF5Reader().read(input, options: ReadOptions()).curve.losses)
    }
    let agreements = await withTaskGroup(of: Bool.self) { group in
      for task in 0..<24 {
        let index = task % inputs.count
        let (input, losses) = (inputs[index], expected[index])
        group.addTask {
          (0..<10).allSatisfy { _ in
            let read = try? HDF5Reader().read(input, options: ReadOptions()).curve.losses
            return read.map { sameValues($0, losses) } ?? false
          }
        }
      }
      return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(agreements.count == 24)
    #expect(agreements.allSatisfy { $0 })
  }

  /// Damaged copies of real files give a curve or an `LRLensError` naming the file, never a
  /// crash: the reader refuses what HDF5 1.10 would crash on (see `corrupt_*.h5`).
  @Test func survivesDamagedFiles() {
    let files = [
      "runs/fastai_cnn_digits/lr_find_pandas.h5", "runs/fastai_cnn_digits/lr_find_h5py.h5",
      "hdf5/pandas_table.h5", "hdf5/nested_groups.h5",
    ]
    let originals = files.map { Fixtures.bytes($0) }
    var refused = 0
    for seed in UInt64(0)..<2_000 {
      let bytes = mutate(originals[Int(seed % UInt64(files.count))], seed: seed)
      do {
        _ = try HDF5Reader().read(
          LogInput(path: "damaged.h5", bytes: bytes), options: ReadOptions())
      } catch {
        refused += 1
        #expect(error.kind == .badData, "seed \(seed): \(error)")
        #expect(error.location.path == "damaged.h5", "seed \(seed)")
      }
    }
    #expect(refused > 0)
  }
}
