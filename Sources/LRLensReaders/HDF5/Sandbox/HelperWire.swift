package import LRLensCore

/// The bytes of the messages between lrlens and its HDF5 helper: a request (path, read options,
/// the file's bytes) and an answer (a ``ReadResult`` or an ``LRLensError``).
///
/// Integers are 8 bytes, little-endian; a string is its UTF-8 length then its bytes; an
/// optional is a byte (0 absent, 1 present) then the value; an array of doubles is its count
/// then the raw IEEE bits. Both ends are the same binary, so there is no versioning.
package struct HelperWriter {
  /// The bytes written so far.
  package private(set) var bytes: [UInt8] = []

  /// Creates an empty message.
  package init() {}

  mutating func integer(_ value: Int) {
    var little = Int64(value).littleEndian
    withUnsafeBytes(of: &little) { bytes.append(contentsOf: $0) }
  }

  mutating func flag(_ value: Bool) { bytes.append(value ? 1 : 0) }

  mutating func string(_ value: String) {
    integer(value.utf8.count)
    bytes.append(contentsOf: value.utf8)
  }

  mutating func raw(_ value: [UInt8]) {
    integer(value.count)
    bytes.append(contentsOf: value)
  }

  mutating func doubles(_ values: [Double]) {
    integer(values.count)
    for value in values { integer(Int(Int64(bitPattern: value.bitPattern))) }
  }

  mutating func optional<Value>(_ value: Value?, _ write: (inout Self, Value) -> Void) {
    flag(value != nil)
    if let value { write(&self, value) }
  }

  mutating func location(_ value: InputLocation) {
    string(value.path)
    optional(value.line) { $0.integer($1) }
    optional(value.column) { $0.integer($1) }
    optional(value.detail) { $0.string($1) }
  }

  /// Appends a request to read one HDF5 file.
  package mutating func request(_ input: LogInput, options: ReadOptions) {
    string(input.path)
    for option in [
      options.learningRateColumn, options.lossColumn, options.format?.rawValue, options.dataset,
      options.learningRateTag, options.lossTag,
    ] {
      optional(option) { $0.string($1) }
    }
    raw(input.bytes)
  }

  /// Appends the answer to a request.
  package mutating func answer(_ result: Result<ReadResult, LRLensError>) {
    switch result {
    case .success(let read):
      flag(true)
      readResult(read)
    case .failure(let error):
      flag(false)
      string(error.kind.rawValue)
      location(error.location)
      string(error.problem)
      string(error.fix)
    }
  }

  private mutating func readResult(_ read: ReadResult) {
    let curve = read.curve
    doubles(curve.learningRates)
    doubles(curve.losses)
    optional(curve.rawLosses) { $0.doubles($1) }
    integer(curve.parameterGroups.count)
    for group in curve.parameterGroups {
      string(group.name)
      doubles(group.learningRates)
    }
    let provenance = curve.provenance
    string(provenance.path)
    string(provenance.format.rawValue)
    string(provenance.framework.rawValue)
    string(provenance.frameworkEvidence)
    optional(provenance.isSmoothed) { $0.flag($1) }
    string(provenance.smoothingEvidence)
    string(provenance.learningRateName)
    string(provenance.lossName)
    optional(provenance.lineNumbers) { writer, numbers in
      writer.integer(numbers.count)
      for number in numbers { writer.integer(number) }
    }
    integer(read.diagnostics.count)
    for diagnostic in read.diagnostics {
      string(diagnostic.severity.rawValue)
      optional(diagnostic.location) { $0.location($1) }
      string(diagnostic.message)
    }
    integer(read.inventory.count)
    for series in read.inventory {
      string(series.name)
      optional(series.count) { $0.integer($1) }
      optional(series.valueType) { $0.string($1) }
      optional(series.role?.rawValue) { $0.string($1) }
      optional(series.nonFiniteCount) { $0.integer($1) }
    }
  }
}

/// Reads the messages ``HelperWriter`` writes; every read is bounds-checked and a message that
/// does not decode throws ``Malformed``.
package struct HelperReader {
  /// A message that does not decode.
  package struct Malformed: Error {}

  private let bytes: [UInt8]
  private var offset = 0

  /// Starts reading a message.
  package init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func integer() throws(Malformed) -> Int {
    guard bytes.count - offset >= 8 else { throw Malformed() }
    var value: UInt64 = 0
    for index in (offset..<offset + 8).reversed() { value = value << 8 | UInt64(bytes[index]) }
    offset += 8
    return Int(Int64(bitPattern: value))
  }

  mutating func count() throws(Malformed) -> Int {
    let value = try integer()
    guard value >= 0, value <= bytes.count - offset else { throw Malformed() }
    return value
  }

  mutating func flag() throws(Malformed) -> Bool {
    guard offset < bytes.count else { throw Malformed() }
    offset += 1
    return bytes[offset - 1] != 0
  }

  mutating func raw() throws(Malformed) -> [UInt8] {
    let length = try count()
    defer { offset += length }
    return Array(bytes[offset..<offset + length])
  }

  mutating func string() throws(Malformed) -> String {
    String(decoding: try raw(), as: UTF8.self)
  }

  mutating func doubles() throws(Malformed) -> [Double] {
    let length = try integer()
    guard length >= 0, length <= (bytes.count - offset) / 8 else { throw Malformed() }
    var values: [Double] = []
    values.reserveCapacity(length)
    for _ in 0..<length {
      values.append(Double(bitPattern: UInt64(bitPattern: Int64(try integer()))))
    }
    return values
  }

  mutating func optional<Value>(_ read: (inout Self) throws(Malformed) -> Value)
    throws(Malformed) -> Value?
  {
    try flag() ? try read(&self) : nil
  }

  mutating func enumeration<Value: RawRepresentable<String>>(_: Value.Type)
    throws(Malformed) -> Value
  {
    guard let value = Value(rawValue: try string()) else { throw Malformed() }
    return value
  }

  mutating func location() throws(Malformed) -> InputLocation {
    InputLocation(
      path: try string(), line: try optional { r throws(Malformed) in try r.integer() },
      column: try optional { r throws(Malformed) in try r.integer() },
      detail: try optional { r throws(Malformed) in try r.string() })
  }

  /// Reads a request.
  package mutating func request() throws(Malformed) -> (LogInput, ReadOptions) {
    let path = try string()
    var options: [String?] = []
    for _ in 0..<6 { options.append(try optional { r throws(Malformed) in try r.string() }) }
    let format = try options[2].map { name throws(Malformed) in
      guard let format = LogFormat(rawValue: name) else { throw Malformed() }
      return format
    }
    let readOptions = ReadOptions(
      learningRateColumn: options[0], lossColumn: options[1], format: format,
      dataset: options[3], learningRateTag: options[4], lossTag: options[5])
    return (LogInput(path: path, bytes: try raw()), readOptions)
  }

  /// Reads an answer.
  package mutating func answer() throws(Malformed) -> Result<ReadResult, LRLensError> {
    guard try flag() else {
      return .failure(
        LRLensError(
          try enumeration(LRLensError.Kind.self), at: try location(), problem: try string(),
          fix: try string()))
    }
    let learningRates = try doubles()
    let losses = try doubles()
    let rawLosses = try optional { r throws(Malformed) in try r.doubles() }
    var groups: [ParameterGroup] = []
    for _ in 0..<(try count()) {
      groups.append(ParameterGroup(name: try string(), learningRates: try doubles()))
    }
    let provenance = Provenance(
      path: try string(), format: try enumeration(LogFormat.self),
      framework: try enumeration(Framework.self), frameworkEvidence: try string(),
      isSmoothed: try optional { r throws(Malformed) in try r.flag() },
      smoothingEvidence: try string(), learningRateName: try string(), lossName: try string(),
      lineNumbers: try optional { r throws(Malformed) in
        var numbers: [Int] = []
        for _ in 0..<(try r.count()) { numbers.append(try r.integer()) }
        return numbers
      })
    var diagnostics: [Diagnostic] = []
    for _ in 0..<(try count()) {
      diagnostics.append(
        Diagnostic(
          try enumeration(Diagnostic.Severity.self),
          at: try optional { r throws(Malformed) in try r.location() }, try string()))
    }
    var inventory: [SeriesSummary] = []
    for _ in 0..<(try count()) {
      inventory.append(
        SeriesSummary(
          name: try string(), count: try optional { r throws(Malformed) in try r.integer() },
          valueType: try optional { r throws(Malformed) in try r.string() },
          role: try optional { r throws(Malformed) in try r.enumeration(SeriesSummary.Role.self) },
          nonFiniteCount: try optional { r throws(Malformed) in try r.integer() }))
    }
    let curve = LossCurve(
      learningRates: learningRates, losses: losses, rawLosses: rawLosses,
      parameterGroups: groups, provenance: provenance)
    return .success(ReadResult(curve: curve, diagnostics: diagnostics, inventory: inventory))
  }
}
