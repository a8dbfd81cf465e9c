import Foundation

/// A reference run's `expected.json`: the framework's own suggestions restated as lrlens cases
/// (written by `scripts/make_expected.py` from the run's `oracle.json`).
public struct ExpectedRun: Decodable, Sendable {
  /// One preset (with flags) and the values every listed export must give with it.
  public struct Case: Decodable, Sendable {
    /// The preset, or `nil` for lrlens's defaults.
    public var preset: String?
    /// Extra command-line flags (`--sma 5`, `--num-it 100`, ...).
    public var arguments: [String]
    /// The export files (in the run folder) that must all give these values.
    public var files: [String]
    /// Per rule id, the expected value.
    public var expect: [String: ExpectedSuggestion]
  }

  /// One rule's expected answer: a learning rate and row, or `nil` when the framework failed.
  public struct ExpectedSuggestion: Decodable, Sendable {
    /// The framework's learning rate, or `nil` if it failed.
    public var lr: Double?
    /// The row it was read from, when known.
    public var index: Int?
  }

  /// The run folder's name.
  public var run: String
  /// The framework that wrote it.
  public var framework: String
  /// The number of points in each export.
  public var points: Int
  /// The cases.
  public var cases: [Case]

  /// Every reference run's expectations.
  ///
  /// - Throws: `DecodingError` naming the run when an `expected.json` does not decode, and
  ///   the file system's error when `fixtures/runs` cannot be listed.
  public static func all() throws -> [ExpectedRun] {
    try Fixtures.referenceRuns().map { name in
      let data = Data(Fixtures.bytes("runs/\(name)/expected.json"))
      do {
        return try JSONDecoder().decode(ExpectedRun.self, from: data)
      } catch {
        throw FixtureError(path: "runs/\(name)/expected.json", underlying: error)
      }
    }
  }
}

/// One (run, case, file) triple, for parameterized parity tests.
public struct ParityCase: CustomStringConvertible, Sendable {
  /// The run.
  public var run: String
  /// The export file's path below `fixtures/`.
  public var file: String
  /// The case.
  public var expected: ExpectedRun.Case

  /// Creates a case.
  ///
  /// - Parameters:
  ///   - run: The run whose expectations apply.
  ///   - file: The export's path below `fixtures/`.
  ///   - expected: The case.
  public init(run: String, file: String, expected: ExpectedRun.Case) {
    self.run = run
    self.file = file
    self.expected = expected
  }

  /// A label such as `fastai_mlp_digits/recorder.csv --preset fastai`.
  public var description: String {
    "\(file) --preset \(expected.preset ?? "none") \(expected.arguments.joined(separator: " "))"
  }

  /// Every parity case of every reference run.
  ///
  /// - Throws: What ``ExpectedRun/all()`` throws.
  public static func all() throws -> [ParityCase] {
    try ExpectedRun.all().flatMap { run in
      run.cases.flatMap { expected in
        expected.files.map {
          ParityCase(run: run.run, file: "runs/\(run.run)/\($0)", expected: expected)
        }
      }
    }
  }

  /// The `lrlens suggest` arguments for this case, with `--json`.
  public var commandLine: [String] {
    ["suggest", "--json", "fixtures/\(file)"] + (expected.preset.map { ["--preset", $0] } ?? [])
      + expected.arguments
  }
}

/// A fixture that exists but does not decode, with its path.
public struct FixtureError: Error, CustomStringConvertible {
  /// The path below `fixtures/`.
  public var path: String
  /// The decoder's error.
  public var underlying: any Error

  /// Creates the error.
  ///
  /// - Parameters:
  ///   - path: The path below `fixtures/`.
  ///   - underlying: The decoder's error.
  public init(path: String, underlying: any Error) {
    self.path = path
    self.underlying = underlying
  }

  /// `fixtures/PATH: ERROR`.
  public var description: String { "fixtures/\(path): \(underlying)" }
}
