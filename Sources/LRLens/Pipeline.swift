internal import LRLensIO

/// Reads a log, analyses it and reports: the whole of `lrlens suggest` for one input.
public struct Pipeline: Sendable {
  /// The largest input lrlens reads, 1 GiB: far beyond any real range test, small enough to
  /// hold in memory.
  public static let maximumInputSize = 1 << 30

  /// Column choices for the readers.
  public var readOptions: ReadOptions
  /// Preset, rules and overrides for the analysis.
  public var analysisOptions: AnalysisOptions
  /// The reader of HDF5 inputs (the CLI's sandboxed ``HDF5Helper``), or `nil` to read them
  /// with libhdf5 in this process.
  package var hdf5Reader: (any LogReader)?

  /// Creates a pipeline.
  ///
  /// - Parameters:
  ///   - readOptions: Column choices for the readers.
  ///   - analysisOptions: Preset, rules and overrides for the analysis.
  public init(readOptions: ReadOptions = ReadOptions(), analysisOptions: AnalysisOptions) {
    self.readOptions = readOptions
    self.analysisOptions = analysisOptions
  }

  /// Reads the file at a path (`-` for standard input) and analyses it.
  ///
  /// - Parameter path: The path as the user gave it.
  /// - Returns: The report.
  /// - Throws: `LRLensError`: `.cannotOpenInput` when the file is missing, unreadable or a
  ///   directory; `.badData` when it is too large or malformed.
  public func run(path: String) throws(LRLensError) -> FileReport {
    try run(Self.load(path: path))
  }

  /// Analyses an input already in memory.
  ///
  /// - Parameter input: The input.
  /// - Returns: The report.
  /// - Throws: `LRLensError` of kind `.badData` when the input is malformed.
  public func run(_ input: LogInput) throws(LRLensError) -> FileReport {
    try analyze(input).report
  }

  /// Reads the file at a path (`-` for standard input) and analyses it, keeping the curve and
  /// the analysis beside the report (for plots).
  ///
  /// - Parameter path: The path as the user gave it.
  /// - Returns: The curve, its analysis and the report.
  /// - Throws: `LRLensError`, as ``run(path:)``.
  public func analyze(path: String) throws(LRLensError) -> AnalysedFile {
    try analyze(Self.load(path: path))
  }

  /// Analyses an input already in memory, keeping the curve and the analysis.
  ///
  /// - Parameter input: The input.
  /// - Returns: The curve, its analysis and the report.
  /// - Throws: `LRLensError` of kind `.badData` when the input is malformed.
  public func analyze(_ input: LogInput) throws(LRLensError) -> AnalysedFile {
    let read = try ReaderRegistry.read(input, options: readOptions, hdf5Reader: hdf5Reader)
    let (settings, notes) = analysisOptions.settings(for: read.curve)
    let analysis = Analyzer.analyze(read.curve, settings: settings)
    let report = FileReport(
      curve: read.curve, analysis: analysis,
      diagnostics: read.diagnostics + notes + analysis.diagnostics)
    return AnalysedFile(curve: read.curve, analysis: analysis, report: report)
  }

  /// Reads the file at a path (`-` for standard input) and describes what it holds, without
  /// analysing it.
  ///
  /// - Parameter path: The path as the user gave it.
  /// - Returns: The inspection report.
  /// - Throws: `LRLensError`, as ``run(path:)``.
  public func inspect(path: String) throws(LRLensError) -> InspectReport {
    InspectReport(
      try ReaderRegistry.read(Self.load(path: path), options: readOptions, hdf5Reader: hdf5Reader))
  }

  /// Reads a whole file, or standard input for `-`.
  ///
  /// - Parameter path: The path as the user gave it.
  /// - Returns: The input.
  /// - Throws: `LRLensError`: `.cannotOpenInput` when the file is missing, unreadable, a
  ///   symbolic-link loop or a directory, or standard input is closed; `.badData` when it
  ///   holds more than ``maximumInputSize`` bytes (counted as read, so devices, pipes and
  ///   growing files are bounded too); `.ioFailure` when reading fails part-way.
  public static func load(path: String) throws(LRLensError) -> LogInput {
    LogInput(path: path, bytes: try InputFile.read(path, limit: maximumInputSize))
  }
}

/// One analysed input: the curve as read, its analysis and the report.
public struct AnalysedFile: Sendable {
  /// The curve as read.
  public var curve: LossCurve
  /// Its analysis.
  public var analysis: Analysis
  /// The report of `lrlens suggest`.
  public var report: FileReport

  /// The plot of the curve with every rule's marker, titled with the file name and preset.
  public var plotModel: PlotModel {
    PlotModel(
      curve: curve, analysis: analysis,
      title: PlotModel.defaultTitle(path: curve.provenance.path, preset: analysis.settings.preset))
  }
}
