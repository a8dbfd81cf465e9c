internal import LRLensCore

/// The scalar series of a whole event file.
struct EventScan {
  /// Every scalar tag, in order of first appearance.
  var series: [ScalarSeries] = []
  /// Tags that hold no scalar (images, histograms, text), in order of first appearance.
  var otherTags: [String] = []
  /// The number of records read.
  var recordCount = 0

  /// The position in `series` of each tag, by its UTF-8 bytes.
  private var seriesIndex: [ArraySlice<UInt8>: Int] = [:]
  /// The tags already in `otherTags`.
  private var otherTagSet: Set<ArraySlice<UInt8>> = []
  /// The UTF-8 bytes of each scalar tag, by position in `series`.
  private var tagBytes: [[UInt8]] = []
  /// The position of the series that received the last value.
  private var previousSeries = -1

  /// Reads every record of an input.
  init(_ input: LogInput) throws(LRLensError) {
    var scanner = TFRecordScanner(input)
    var summaries: [Range<Int>] = []
    var reader = ProtobufReader(
      bytes: input.bytes, range: 0..<0, path: input.path,
      record: TFRecord(index: 0, offset: 0, data: 0..<0))
    while let record = try scanner.next() {
      recordCount += 1
      reader.seek(to: record.data, record: record)
      var step: Int64 = 0
      summaries.removeAll(keepingCapacity: true)
      while let field = try reader.nextField() {
        switch (field.number, field.wireType) {
        case (2, .varint): step = Int64(bitPattern: try reader.varint())
        case (5, .lengthDelimited): summaries.append(try reader.lengthDelimited())
        default: try reader.skip(field)
        }
      }
      for range in summaries {
        reader.seek(to: range, record: record)
        while let field = try reader.nextField() {
          guard field.number == 1, field.wireType == .lengthDelimited else {
            try reader.skip(field)
            continue
          }
          let enclosingEnd = try reader.enterMessage()
          try add(&reader, step: step, bytes: input.bytes)
          reader.exitMessage(enclosingEnd)
        }
      }
    }
  }

  /// Reads one `Summary.Value` and adds its scalar, if it is one, to its tag's series.
  private mutating func add(_ value: inout ProtobufReader, step: Int64, bytes: [UInt8])
    throws(LRLensError)
  {
    var tag: Range<Int>?
    var scalar: (Double, ScalarKinds)?
    var isScalar = false
    while let field = try value.nextField() {
      switch (field.number, field.wireType) {
      case (1, .lengthDelimited):
        tag = try value.lengthDelimited()
      case (2, .fixed32):
        scalar = (Double(Float(bitPattern: try value.fixed32())), .simpleFloat)
        isScalar = true
      case (8, .lengthDelimited):
        let enclosingEnd = try value.enterMessage()
        scalar = try Self.tensorScalar(&value)
        value.exitMessage(enclosingEnd)
        isScalar = scalar != nil
      case (3...6, .lengthDelimited):
        // The other members of the `value` oneof: a later one replaces an earlier scalar.
        _ = try value.lengthDelimited()
        scalar = nil
        isScalar = false
      default:
        try value.skip(field)
      }
    }
    guard let tag, !tag.isEmpty else { return }
    guard isScalar, let (number, kind) = scalar else {
      let key = bytes[tag]
      if seriesIndex[key] == nil, otherTagSet.insert(key).inserted {
        otherTags.append(String(decoding: key, as: UTF8.self))
      }
      return
    }
    let index = seriesPosition(of: tag, in: bytes)
    series[index].steps.append(step)
    series[index].values.append(number)
    series[index].kinds.insert(kind)
  }

  /// The position in `series` of the tag whose UTF-8 bytes are `tag`, added if new.
  ///
  /// Writers log the same tags in the same order at every step, so the tag after the previous
  /// one is tried first, by comparing bytes, before the dictionary is asked.
  private mutating func seriesPosition(of tag: Range<Int>, in bytes: [UInt8]) -> Int {
    let next = previousSeries + 1 < tagBytes.count ? previousSeries + 1 : 0
    if next < tagBytes.count, tagBytes[next].elementsEqual(bytes[tag]) {
      previousSeries = next
      return next
    }
    let key = bytes[tag]
    if let known = seriesIndex[key] {
      previousSeries = known
      return known
    }
    let index = series.count
    seriesIndex[key] = index
    tagBytes.append(Array(key))
    series.append(ScalarSeries(name: String(decoding: key, as: UTF8.self)))
    previousSeries = index
    return index
  }

  /// The value of a `TensorProto` holding one `float32` or `float64`, or `nil` for any other
  /// tensor.
  private static func tensorScalar(_ tensor: inout ProtobufReader) throws(LRLensError)
    -> (Double, ScalarKinds)?
  {
    var dataType: UInt64 = 0
    var isSingleElement = true
    var content: Range<Int> = 0..<0
    // The number of `float_val` and `double_val` entries, and the last of each.
    var floatCount = 0
    var float: Float = 0
    var doubleCount = 0
    var double: Double = 0
    while let field = try tensor.nextField() {
      switch (field.number, field.wireType) {
      case (1, .varint):
        dataType = try tensor.varint()
      case (2, .lengthDelimited):
        let enclosingEnd = try tensor.enterMessage()
        isSingleElement = try isSingleElementShape(&tensor)
        tensor.exitMessage(enclosingEnd)
      case (4, .lengthDelimited):
        content = try tensor.lengthDelimited()
      case (5, .fixed32):
        float = Float(bitPattern: try tensor.fixed32())
        floatCount += 1
      case (5, .lengthDelimited):
        let enclosingEnd = try tensor.enterMessage()
        while !tensor.isAtEnd {
          float = Float(bitPattern: try tensor.fixed32())
          floatCount += 1
        }
        tensor.exitMessage(enclosingEnd)
      case (6, .fixed64):
        double = Double(bitPattern: try tensor.fixed64())
        doubleCount += 1
      case (6, .lengthDelimited):
        let enclosingEnd = try tensor.enterMessage()
        while !tensor.isAtEnd {
          double = Double(bitPattern: try tensor.fixed64())
          doubleCount += 1
        }
        tensor.exitMessage(enclosingEnd)
      default:
        try tensor.skip(field)
      }
    }
    guard isSingleElement else { return nil }
    let bytes = tensor.bytes
    switch dataType {
    case 1:  // DT_FLOAT
      if content.count == 4 {
        let bits = content.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[$1]) }
        return (Double(Float(bitPattern: bits)), .tensorFloat)
      }
      guard content.isEmpty, floatCount == 1 else { return nil }
      return (Double(float), .tensorFloat)
    case 2:  // DT_DOUBLE
      if content.count == 8 {
        let bits = content.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[$1]) }
        return (Double(bitPattern: bits), .tensorDouble)
      }
      guard content.isEmpty, doubleCount == 1 else { return nil }
      return (double, .tensorDouble)
    default:
      return nil
    }
  }

  /// Whether a `TensorShapeProto` has exactly one element: every dimension has size 1 (a
  /// scalar has none) and the rank is known.
  private static func isSingleElementShape(_ shape: inout ProtobufReader) throws(LRLensError)
    -> Bool
  {
    var isSingle = true
    while let field = try shape.nextField() {
      switch (field.number, field.wireType) {
      case (2, .lengthDelimited):
        let enclosingEnd = try shape.enterMessage()
        var size: UInt64 = 0
        while let inner = try shape.nextField() {
          if inner.number == 1, inner.wireType == .varint {
            size = try shape.varint()
          } else {
            try shape.skip(inner)
          }
        }
        shape.exitMessage(enclosingEnd)
        if size != 1 { isSingle = false }
      case (3, .varint):
        if try shape.varint() != 0 { isSingle = false }
      default:
        try shape.skip(field)
      }
    }
    return isSingle
  }

  /// Sorts every series by step, keeping the last value at each step.
  mutating func normalize() {
    for index in series.indices { series[index].normalize() }
  }

  /// The scalar tags with their counts, for messages: `'lr_0' (86 values), ...`.
  var quotedTags: String {
    let limit = 20
    let quoted = series.prefix(limit).map(\.quoted).joined(separator: ", ")
    return quoted + (series.count > limit ? ", ..." : "")
  }

  /// One summary per scalar tag, in order of first appearance.
  func inventory(_ choice: TagChoice) -> [SeriesSummary] {
    series.enumerated().map { index, series in
      let role: SeriesSummary.Role? =
        if index == choice.learningRate {
          .learningRate
        } else if index == choice.loss {
          .loss
        } else if choice.parameterGroups.contains(index) {
          .parameterGroup
        } else {
          nil
        }
      return SeriesSummary(
        name: series.name, count: series.steps.count, valueType: series.kinds.description,
        role: role, nonFiniteCount: series.values.count { !$0.isFinite })
    }
  }
}
