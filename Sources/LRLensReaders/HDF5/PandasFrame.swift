internal import LRLensCore

/// The series of pandas frames, from their column names and block layout.
enum PandasFrame {
  /// The most blocks a fixed frame may have (one per dtype, so few in practice).
  private static let maximumBlockCount = 1_000

  /// A fixed-format frame: `axis0`, `axis1`, `blockN_items`, `blockN_values`.
  static func fixed(_ path: String, in file: HDF5File, objects: [HDF5ObjectEntry])
    throws(LRLensError) -> HDF5Candidate
  {
    let members = Set(objects.filter { $0.kind == .dataset }.map(\.path))
    let prefix = path == "/" ? "/" : path + "/"
    for name in ["axis0", "axis1"] where !members.contains(prefix + name) {
      throw malformed(path, file: file, "expected a dataset '\(name)', found none")
    }
    let columns = try names(of: file.dataset(prefix + "axis0"))
    let index = try file.dataset(prefix + "axis1")
    guard let indexShape = index.dimensions, indexShape.count == 1,
      let rows = Int(exactly: indexShape[0])
    else {
      throw malformed(path, file: file, "expected a 1-D 'axis1', found shape \(index.shapeText)")
    }
    var blockOf: [String: HDF5Series.Storage] = [:]
    var typeOf: [String: String] = [:]
    var block = 0
    while block < maximumBlockCount && members.contains(prefix + "block\(block)_items") {
      let items = try names(of: file.dataset(prefix + "block\(block)_items"))
      let values = try file.dataset(prefix + "block\(block)_values")
      let isTransposed = try values.flagAttribute("transposed") ?? true
      for (column, item) in items.enumerated() where blockOf[item] == nil {
        blockOf[item] = .block(
          values: values, column: column, width: items.count, rows: rows,
          isTransposed: isTransposed)
        typeOf[item] = values.type.isNumber ? values.type.name : nil
      }
      block += 1
    }
    var series: [HDF5Series] = []
    for column in columns {
      guard let storage = blockOf[column] else {
        throw malformed(path, file: file, "expected column '\(column)' of 'axis0' in a block")
      }
      guard let valueType = typeOf[column] else { continue }
      series.append(
        HDF5Series(
          name: column, path: prefix + column, count: rows, valueType: valueType,
          extent: "\(rows)", storage: storage))
    }
    return HDF5Candidate(path: path, kind: .fixedFrame, series: series)
  }

  /// A table-format frame: the compound dataset `table`.
  static func table(_ path: String, in file: HDF5File) throws(LRLensError) -> HDF5Candidate {
    let prefix = path == "/" ? "/" : path + "/"
    let table = try file.dataset(prefix + "table")
    guard case .compound(let members) = table.type, let shape = table.dimensions,
      shape.count == 1, let rows = Int(exactly: shape[0])
    else {
      throw malformed(
        path, file: file,
        "expected a 1-D compound dataset 'table', found \(table.type.name) of shape "
          + table.shapeText)
    }
    var series: [HDF5Series] = []
    for member in members where member.name != "index" {
      var names = [member.name]
      var width = 1
      var element = member.type
      if case .array(let type, let count) = member.type {
        (element, width) = (type, count)
      }
      if member.name.hasPrefix("values_block_") {
        let kind = try table.stringAttribute(member.name + "_kind")
        guard let kind, let tokens = PickledNames.tokens(kind) else {
          throw malformed(
            path, file: file,
            "expected the column names of '\(member.name)' in attribute "
              + "'\(member.name)_kind', found none")
        }
        names = tokens.map(\.text)
      }
      guard names.count == width else {
        throw malformed(
          path, file: file,
          "expected \(width) column names for '\(member.name)', found \(names.count)")
      }
      guard element.isNumber else { continue }
      for (column, name) in names.enumerated() {
        series.append(
          HDF5Series(
            name: name, path: prefix + name, count: rows, valueType: element.name,
            extent: "\(rows)",
            storage: .member(table: table, member: member.name, column: column, width: width)))
      }
    }
    // The frame's own column order, when the group's `non_index_axes` names every column.
    if let axes = try file.group(path).stringAttribute("non_index_axes"),
      let tokens = PickledNames.tokens(axes)
    {
      let order = tokens.filter { !$0.isInteger }.map(\.text)
      if order.count == series.count, Set(order) == Set(series.map(\.name)) {
        series.sort { left, right in
          (order.firstIndex(of: left.name) ?? 0) < (order.firstIndex(of: right.name) ?? 0)
        }
      }
    }
    return HDF5Candidate(path: path, kind: .tableFrame, series: series)
  }

  /// Column names stored as a dataset: fixed-length strings, or integers for a frame whose
  /// columns are numbered.
  private static func names(of dataset: HDF5Dataset) throws(LRLensError) -> [String] {
    guard dataset.type.isNumber else { return try dataset.readStrings() }
    return try dataset.readNumbers().map { value in
      Int64(exactly: value).map { "\($0)" } ?? "\(value)"
    }
  }

  /// The error for a pandas group that does not have pandas' layout.
  private static func malformed(_ path: String, file: HDF5File, _ problem: String)
    -> LRLensError
  {
    LRLensError(
      .badData, at: file.location("frame '\(path)'"),
      problem: "\(problem) (the group says it is a pandas frame)",
      fix: "write the frame again with DataFrame.to_hdf, or pick another with --dataset")
  }
}

/// The names in a pickle of protocol 0, as PyTables stores pandas' column lists.
///
/// Protocol 0 is line-based text: `(lp0\nVlr\np1\naVloss\np2\na.` is `['lr', 'loss']`. The
/// scanner knows the opcodes such lists use and stops at any other, so a damaged attribute
/// gives no names rather than wrong ones. `V` arguments are raw-unicode-escape text (bytes are
/// Latin-1, other characters `\uXXXX` or `\UXXXXXXXX`); `I` and `L` arguments are integers.
enum PickledNames {
  /// One name: text, or an integer (a numbered column, or an axis number).
  struct Token {
    var text: String
    var isInteger: Bool
  }

  /// The opcodes without an argument that lists and tuples of names use.
  private static let bareOpcodes = Set("(lat].0N)eud}s".utf8)
  /// The opcodes whose argument runs to the end of the line.
  private static let lineOpcodes = Set("VpgILFS".utf8)

  /// The `V`, `I` and `L` arguments in order, or `nil` when the text is not such a pickle.
  static func tokens(_ bytes: [UInt8]) -> [Token]? {
    var tokens: [Token] = []
    var index = 0
    while index < bytes.count {
      let opcode = bytes[index]
      index += 1
      if opcode == UInt8(ascii: ".") { return tokens }
      if bareOpcodes.contains(opcode) { continue }
      guard lineOpcodes.contains(opcode),
        let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n"))
      else { return nil }
      let argument = bytes[index..<end]
      index = end + 1
      switch opcode {
      case UInt8(ascii: "V"):
        guard let text = rawUnicodeEscape(argument) else { return nil }
        tokens.append(Token(text: text, isInteger: false))
      case UInt8(ascii: "I"), UInt8(ascii: "L"):
        let digits = argument.last == UInt8(ascii: "L") ? argument.dropLast() : argument
        tokens.append(Token(text: String(decoding: digits, as: UTF8.self), isInteger: true))
      default: continue
      }
    }
    return nil
  }

  /// Decodes Python's raw-unicode-escape text.
  private static func rawUnicodeEscape(_ bytes: ArraySlice<UInt8>) -> String? {
    var scalars = String.UnicodeScalarView()
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let byte = bytes[index]
      let next = bytes.index(after: index)
      if byte == UInt8(ascii: "\\"), next < bytes.endIndex,
        bytes[next] == UInt8(ascii: "u") || bytes[next] == UInt8(ascii: "U")
      {
        let length = bytes[next] == UInt8(ascii: "u") ? 4 : 8
        let start = bytes.index(after: next)
        guard bytes.endIndex - start >= length else { return nil }
        let digits = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
        guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
          return nil
        }
        scalars.append(scalar)
        index = start + length
      } else {
        scalars.append(Unicode.Scalar(byte))
        index = next
      }
    }
    return String(scalars)
  }
}
