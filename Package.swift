// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "lrlens",
  products: [
    .library(name: "LRLens", targets: ["LRLens"]),
    .executable(name: "lrlens", targets: ["lrlens"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // MARK: - C libraries

    .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"])]),
    .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),

    // MARK: - Core and shared plumbing

    .target(name: "LRLensCore"),
    // The one home of what the library and the trainer both need: HDF5 access (one lock, one
    // error stack), atomic output files, the ordered parallel map.
    .target(name: "LRLensIO", dependencies: ["LRLensCore", "CHDF5"]),

    // MARK: - Library (the LRLens product: readers → loss curve → analysis → report)

    .target(name: "LRLensAnalysis", dependencies: ["LRLensCore"]),
    .target(name: "LRLensReaders", dependencies: ["LRLensCore", "LRLensIO", "CLibCSV", "CHDF5"]),
    .target(name: "LRLensPlotting", dependencies: ["LRLensCore", "LRLensAnalysis"]),
    .target(
      name: "LRLens",
      dependencies: ["LRLensCore", "LRLensIO", "LRLensAnalysis", "LRLensReaders", "LRLensPlotting"]),

    // MARK: - Reference trainer (never depends on the readers or the analysis it validates)

    .target(
      name: "ReferenceTrainer", dependencies: ["LRLensCore", "LRLensIO", "CLibCSV", "CHDF5"]),

    // MARK: - Validation (sweeps, validate, regret tables: the trainer judges the library)

    .target(name: "LRLensValidation", dependencies: ["ReferenceTrainer", "LRLens"]),

    // MARK: - Command-line tool and benchmarks

    .executableTarget(
      name: "lrlens",
      dependencies: [
        "LRLens", "LRLensIO", "LRLensValidation", "ReferenceTrainer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "LRLensBenchmarks", dependencies: ["LRLens", "LRLensTestSupport"], path: "Benchmarks"),

    // MARK: - Fuzz targets (scripts/fuzz builds them with -DFUZZING and libFuzzer)

    .target(name: "LRLensFuzzing", dependencies: ["LRLens"], path: "Fuzz/LRLensFuzzing"),
    .executableTarget(
      name: "FuzzCSVReader", dependencies: ["LRLensFuzzing"], path: "Fuzz/FuzzCSVReader"),
    .executableTarget(
      name: "FuzzJSONReader", dependencies: ["LRLensFuzzing"], path: "Fuzz/FuzzJSONReader"),
    .executableTarget(
      name: "FuzzHDF5Reader", dependencies: ["LRLensFuzzing"], path: "Fuzz/FuzzHDF5Reader"),
    .executableTarget(
      name: "FuzzTextLogReader", dependencies: ["LRLensFuzzing"], path: "Fuzz/FuzzTextLogReader"),
    .executableTarget(
      name: "FuzzTensorBoardReader", dependencies: ["LRLensFuzzing"],
      path: "Fuzz/FuzzTensorBoardReader"),

    // MARK: - Tests

    .target(
      name: "LRLensTestSupport", dependencies: ["LRLensCore"], path: "Tests/LRLensTestSupport"),
    .testTarget(name: "LRLensCoreTests", dependencies: ["LRLensCore", "LRLensTestSupport"]),
    .testTarget(name: "LRLensIOTests", dependencies: ["LRLensIO", "LRLensTestSupport"]),
    .testTarget(
      name: "LRLensAnalysisTests", dependencies: ["LRLensAnalysis", "LRLensTestSupport"]),
    .testTarget(name: "LRLensReadersTests", dependencies: ["LRLensReaders", "LRLensTestSupport"]),
    .testTarget(
      name: "LRLensPlottingTests", dependencies: ["LRLensPlotting", "LRLensTestSupport"],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ReferenceTrainerTests",
      dependencies: ["ReferenceTrainer", "LRLensReaders", "LRLensTestSupport"]),
    .testTarget(
      name: "LRLensValidationTests", dependencies: ["LRLensValidation", "LRLensTestSupport"]),
    .testTarget(
      name: "LRLensTests", dependencies: ["LRLens", "LRLensFuzzing", "LRLensTestSupport"],
      exclude: ["Snapshots"]),
    // The CLI tests run the built `lrlens` binary; depending on it makes SwiftPM build it first.
    .testTarget(name: "LRLensCLITests", dependencies: ["lrlens", "LRLensTestSupport"]),
  ]
)
