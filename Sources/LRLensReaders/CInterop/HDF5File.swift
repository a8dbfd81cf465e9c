internal import CHDF5
internal import LRLensCore
internal import LRLensIO

// This file is longer than 500 lines on purpose: it holds every wrapper of an HDF5 identifier
// (file, group, dataset, dataspace, datatype, attribute, property list), and `hid_t` may only
// appear in fileprivate declarations, so the wrappers that hand identifiers to each other must
// share one file. The reader-facing part (HDF5File, HDF5Group, HDF5Dataset) is at the top.

// MARK: - What the reader sees

/// The class of an object found in an HDF5 file.
enum HDF5ObjectKind: Sendable, Equatable {
  /// A group.
  case group
  /// A dataset.
  case dataset
  /// A committed datatype, or an object of a class lrlens does not read.
  case other
}

/// One object of an HDF5 file, found by walking it.
struct HDF5ObjectEntry: Sendable, Equatable {
  /// The absolute path: `/`, `/lr_find`, `/lr_find/axis0`.
  var path: String
  /// The object's class.
  var kind: HDF5ObjectKind
}

/// The type of a dataset's elements (or of a compound member), as far as lrlens reads it.
///
/// Numbers are only HDF5's standard IEEE floats and two's complement integers (of either byte
/// order), recognised with `H5Tequal`: HDF5 converts those to `double` along well-trodden
/// paths, while a type with unusual precision, offset or exponent fields is left alone.
indirect enum HDF5ValueType: Sendable, Equatable {
  /// An IEEE float of 32 or 64 bits.
  case float(bits: Int)
  /// A two's complement integer of 8, 16, 32 or 64 bits.
  case integer(bits: Int, isSigned: Bool)
  /// A string of a fixed length in bytes, or of variable length (`nil`).
  case string(length: Int?)
  /// A one-dimensional array of `count` elements (a pandas table's `values_block_N`).
  case array(of: HDF5ValueType, count: Int)
  /// A compound type (a record) and its members, in order.
  case compound([HDF5Member])
  /// Any other type, by its class name: `enum`, `opaque`, `float (non-standard)`, ...
  case other(String)

  /// The type as numpy would name it: `float64`, `int64`, `uint8`, `string`, `float64[2]`.
  var name: String {
    switch self {
    case .float(let bits): "float\(bits)"
    case .integer(let bits, let isSigned): "\(isSigned ? "" : "u")int\(bits)"
    case .string: "string"
    case .array(let element, let count): "\(element.name)[\(count)]"
    case .compound: "compound"
    case .other(let name): name
    }
  }

  /// Whether the elements are numbers lrlens reads as `Double`.
  var isNumber: Bool {
    switch self {
    case .float, .integer: true
    case .string, .array, .compound, .other: false
    }
  }
}

/// A member of a compound type.
struct HDF5Member: Sendable, Equatable {
  /// The member's name (a pandas table's `index`, `values_block_0`, ...).
  var name: String
  /// The member's type.
  var type: HDF5ValueType
}

// MARK: - The file

/// An HDF5 file opened read-only from bytes in memory, and the budget of values it may yield.
///
/// The input may be standard input, so the file is never opened by path: HDF5's core (memory)
/// driver gets a copy of the bytes as its file image (`H5Pset_file_image`). The name passed to
/// `H5Fopen` is unique, as HDF5 shares one open file between opens of the same name, and one
/// no file system can hold (below `/dev/null`), as the core driver refuses to open an image
/// whose name exists on disk.
///
/// Sizes come from the file and are not trusted: a dataset's dimensions are multiplied with
/// overflow checks, and the values read from the whole file may not exceed
/// ``valuesPerByte`` per byte of input. A corrupt or hostile file claiming billions of values
/// is refused before any memory is allocated for them.
final class HDF5File {
  /// How many values may be read per byte of input: generous for real files, which store a
  /// float64 in 8 bytes (compression aside), and a bound on memory for hostile ones.
  static let valuesPerByte = 8
  /// The most objects a file may hold.
  static let maximumObjectCount = 10_000
  /// The deepest an object may be nested below the root: deeper paths cost memory quadratic
  /// in the depth, and HDF5 walks groups recursively.
  static let maximumDepth = 64

  /// The input's path as the user gave it, for messages.
  let path: String
  /// The size of the input in bytes.
  let byteCount: Int
  /// How many more values may be read.
  private var remainingValues: Int
  /// The HDF5 file identifier, owned by this object.
  fileprivate let id: hid_t

  /// Opens a file image.
  ///
  /// - Parameters:
  ///   - image: The whole file; HDF5 keeps its own copy.
  ///   - path: The input's path, for messages.
  /// - Throws: `LRLensError` of kind `.badData` ("not a readable HDF5 file: ..." with HDF5's
  ///   text) when HDF5 cannot open it.
  init(image: [UInt8], path: String) throws(LRLensError) {
    self.path = path
    byteCount = image.count
    let (budget, overflow) = image.count.multipliedReportingOverflow(by: Self.valuesPerByte)
    remainingValues = overflow ? Int.max : budget
    let context = HDF5Context(
      location: InputLocation(path: path), problem: "not a readable HDF5 file",
      fix: "check that the file is a complete HDF5 file (is it truncated?)")
    guard !image.isEmpty else {
      throw LRLensError(
        .badData, at: context.location, problem: "\(context.problem): the file is empty",
        fix: context.fix)
    }
    let access = try HDF5PropertyList(fileAccessFor: context)
    try access.useCoreDriver(image: image, context: context)
    id = try Self.open(HDF5Library.uniqueImageName(), access: access, context: context)
  }

  deinit {
    HDF5Library.release { H5Fclose(id) }
  }

  /// Opens a file read-only.
  ///
  /// Wraps `H5Fopen`.
  private static func open(_ name: String, access: HDF5PropertyList, context: HDF5Context)
    throws(LRLensError) -> hid_t
  {
    try HDF5Library.call(context) { H5Fopen(name, lrlens_h5f_acc_rdonly(), access.id) }
  }

  /// The location of an object of this file: `run.h5 (dataset '/lr')`.
  ///
  /// - Parameter detail: The object, such as `dataset '/lr'`, or `nil` for the whole file.
  /// - Returns: The location.
  func location(_ detail: String?) -> InputLocation {
    InputLocation(path: path, detail: detail)
  }

  /// The context of a call on an object of this file.
  fileprivate func context(_ detail: String?, _ problem: String) -> HDF5Context {
    HDF5Context(
      location: location(detail), problem: problem,
      fix: "check that the file is a complete, uncorrupted HDF5 file (is it truncated?)")
  }

  /// Every group and dataset of the file, each once: a group, then its members by name, each
  /// followed by its own members.
  ///
  /// The walk follows hard links only (never soft or external links, which may point to other
  /// files), visits each object once even when hard links make cycles, and counts every link
  /// HDF5 reports: a corrupt group whose links never end (HDF5 1.10 loops on a B-tree that
  /// points back into itself) stops at ``maximumObjectCount`` links.
  ///
  /// - Returns: The objects, the root group `/` first.
  /// - Throws: `LRLensError` of kind `.badData` when HDF5 cannot list a group, or the file has
  ///   more than ``maximumObjectCount`` links or objects nested deeper than ``maximumDepth``.
  func objects() throws(LRLensError) -> [HDF5ObjectEntry] {
    let collector = LinkCollector(limit: Self.maximumObjectCount)
    var objects: [HDF5ObjectEntry] = []
    var pending = [HDF5ObjectEntry(path: "/", kind: .group)]
    var visited: Set<UInt64> = []
    while let object = pending.popLast() {
      objects.append(object)
      guard object.kind == .group else { continue }
      let depth = object.path == "/" ? 0 : object.path.count { $0 == "/" }
      var members: [HDF5ObjectEntry] = []
      for link in try links(of: object.path, into: collector) {
        guard link.kind != .group || visited.insert(link.address).inserted else { continue }
        let prefix = object.path == "/" ? "/" : object.path + "/"
        members.append(HDF5ObjectEntry(path: prefix + link.name, kind: link.kind))
      }
      if !members.isEmpty && depth >= Self.maximumDepth {
        throw LRLensError(
          .badData, at: location(nil),
          problem: "expected objects nested at most \(Self.maximumDepth) groups deep, found "
            + "deeper ones",
          fix: "export the range test to a file of its own")
      }
      pending.append(contentsOf: members.reversed())
    }
    return objects
  }

  /// The hard links of one group, in HDF5's native order (by name).
  ///
  /// Wraps `H5Literate_by_name`.
  private func links(of group: String, into collector: LinkCollector) throws(LRLensError)
    -> [HDF5Link]
  {
    collector.links = []
    let context = self.context("group '\(group)'", "cannot list the group")
    let id = id
    let status = try HDF5Library.withLock { () throws(LRLensError) -> herr_t in
      let pointer = Unmanaged.passUnretained(collector).toOpaque()
      let status = withExtendedLifetime(collector) {
        H5Literate_by_name(
          id, group, H5_INDEX_NAME, H5_ITER_NATIVE, nil, Self.visitLink, pointer,
          lrlens_h5p_default())
      }
      return try HDF5Library.check(status, context: context)
    }
    guard status == 0 else {
      throw LRLensError(
        .badData, at: location(nil),
        problem: "expected at most \(Self.maximumObjectCount) links between objects, found more",
        fix: "export the range test to a file of its own")
    }
    return collector.links
  }

  /// A hard link found while listing a group.
  private struct HDF5Link {
    var name: String
    var kind: HDF5ObjectKind
    /// The address of the object, which identifies it within the file.
    var address: UInt64
  }

  /// Collects the links of a group, and counts the links of the whole walk.
  private final class LinkCollector {
    let limit: Int
    var count = 0
    var links: [HDF5Link] = []

    init(limit: Int) { self.limit = limit }
  }

  /// `H5Literate_by_name`'s callback: records a hard link with its object's class, skips the
  /// other links, and stops the listing (returning 1) at the limit.
  ///
  /// Wraps `H5Oget_info_by_name2`, called on the group HDF5 is listing, under the listing's
  /// hold of the lock.
  private static let visitLink:
    @convention(c) (
      hid_t, UnsafePointer<CChar>?, UnsafePointer<H5L_info_t>?, UnsafeMutableRawPointer?
    )
      -> herr_t = { group, name, link, context in
        guard let name, let link, let context else { return -1 }
        let collector = Unmanaged<LinkCollector>.fromOpaque(context).takeUnretainedValue()
        collector.count += 1
        guard collector.count <= collector.limit else { return 1 }
        guard link.pointee.type == H5L_TYPE_HARD else { return 0 }
        var info = H5O_info_t()
        let status = H5Oget_info_by_name2(
          group, name, &info, UInt32(H5O_INFO_BASIC), lrlens_h5p_default())
        // A failure ends the listing with it: HDF5 then reports the callback's failure.
        guard status >= 0 else { return -1 }
        let kind: HDF5ObjectKind =
          switch info.type {
          case H5O_TYPE_GROUP: .group
          case H5O_TYPE_DATASET: .dataset
          default: .other
          }
        collector.links.append(
          HDF5Link(
            name: String(cString: name), kind: kind, address: UInt64(link.pointee.u.address)))
        return 0
      }

  /// Opens a dataset and reads its type and shape (not its values).
  ///
  /// - Parameter objectPath: The dataset's absolute path.
  /// - Returns: The dataset.
  /// - Throws: `LRLensError` of kind `.badData` naming the dataset when HDF5 cannot open it
  ///   or describe its type or dataspace.
  func dataset(_ objectPath: String) throws(LRLensError) -> HDF5Dataset {
    try HDF5Dataset.open(file: self, path: objectPath)
  }

  /// Opens a group.
  ///
  /// - Parameter objectPath: The group's absolute path.
  /// - Returns: The group.
  /// - Throws: `LRLensError` of kind `.badData` naming the group when HDF5 cannot open it.
  func group(_ objectPath: String) throws(LRLensError) -> HDF5Group {
    try HDF5Group(file: self, path: objectPath)
  }

  /// Takes `count` values from the file's budget, or throws.
  ///
  /// - Parameters:
  ///   - count: How many values a read yields, or `nil` when the count overflows.
  ///   - dataset: The dataset read, for the message.
  /// - Returns: `count`.
  /// - Throws: `LRLensError` of kind `.badData` naming the dataset when `count` is `nil` or
  ///   more than the budget left.
  fileprivate func reserve(_ count: Int?, for dataset: HDF5Dataset) throws(LRLensError) -> Int {
    guard let count, count <= remainingValues else {
      let limit = byteCount.multipliedReportingOverflow(by: Self.valuesPerByte).partialValue
      throw LRLensError(
        .badData, at: location("dataset '\(dataset.path)'"),
        problem: "dataset of shape \(dataset.shapeText) claims more values than a "
          + "\(byteCount)-byte file can hold (lrlens reads at most \(limit) values from it, "
          + "\(Self.valuesPerByte) per byte)",
        fix: "check that the file is not corrupt, or export the range test on its own")
    }
    remainingValues -= count
    return count
  }
}

// MARK: - Groups and datasets

/// An open group of an HDF5 file.
final class HDF5Group {
  /// The group's absolute path.
  let path: String
  /// The file, kept open while the group is.
  private let file: HDF5File
  /// The HDF5 group identifier, owned by this object.
  fileprivate let id: hid_t

  /// Opens a group.
  ///
  /// Wraps `H5Gopen2`.
  fileprivate init(file: HDF5File, path: String) throws(LRLensError) {
    self.file = file
    self.path = path
    let context = file.context("group '\(path)'", "cannot open the group")
    id = try HDF5Library.call(context) { H5Gopen2(file.id, path, lrlens_h5p_default()) }
  }

  deinit {
    HDF5Library.release { H5Gclose(id) }
  }

  /// A fixed-length string attribute of one value, such as pandas' `pandas_type`.
  ///
  /// - Parameter name: The attribute's name.
  /// - Returns: Its bytes up to the first NUL, or `nil` when the group has no such attribute
  ///   or it is not a fixed-length string of one value.
  /// - Throws: `LRLensError` of kind `.badData` when HDF5 cannot read it.
  func stringAttribute(_ name: String) throws(LRLensError) -> [UInt8]? {
    try HDF5Attribute.text(
      of: id, named: name, file: file, context: file.context("group '\(path)'", ""))
  }
}

/// An open dataset of an HDF5 file, with its type and shape.
final class HDF5Dataset {
  /// The dataset's absolute path.
  let path: String
  /// The type of its elements.
  private(set) var type = HDF5ValueType.other("unknown")
  /// Its dimensions: empty for a scalar, `nil` for a null dataspace (no elements at all).
  private(set) var dimensions: [UInt64]?
  /// The number of elements (0 for a null dataspace), or `nil` when the dimensions' product
  /// overflows `Int`.
  private(set) var elementCount: Int?
  /// The error reading the values gives before HDF5 is asked to, when they must not be read
  /// although type and shape allow it: a virtual or external dataset (whose values live in
  /// other files), or a compact or contiguous one whose storage is smaller than its shape and
  /// type need.
  private(set) var storageError: LRLensError?
  /// The file, kept open while the dataset is.
  private let file: HDF5File
  /// The dataset's type in the file.
  private var fileType: HDF5Datatype?
  /// The HDF5 dataset identifier, owned by this object.
  fileprivate let id: hid_t

  /// Takes ownership of an open dataset.
  private init(file: HDF5File, path: String, id: hid_t) {
    self.file = file
    self.path = path
    self.id = id
  }

  /// Opens a dataset and describes it.
  ///
  /// The object owns the identifier before anything else can fail, so a failure closes it.
  ///
  /// Wraps `H5Dopen2`, `H5Dget_type` and `H5Dget_space`.
  fileprivate static func open(file: HDF5File, path: String) throws(LRLensError) -> HDF5Dataset {
    let context = file.context("dataset '\(path)'", "cannot open the dataset")
    let dataset = HDF5Dataset(
      file: file, path: path,
      id: try HDF5Library.call(context) { H5Dopen2(file.id, path, lrlens_h5p_default()) })
    let id = dataset.id
    let fileType = HDF5Datatype(
      id: try HDF5Library.call(context) { H5Dget_type(id) }, context: context)
    dataset.fileType = fileType
    dataset.type = try fileType.describe()
    let space = HDF5Dataspace(
      id: try HDF5Library.call(context) { H5Dget_space(id) }, context: context)
    dataset.dimensions = try space.dimensions()
    // A null dataspace has no elements at all.
    dataset.elementCount = dataset.dimensions.map { Self.product($0) } ?? 0
    let elementSize = try HDF5Datatype.size(of: fileType.id, context: context)
    dataset.storageError = try dataset.checkStorage(elementSize: elementSize, context: context)
    return dataset
  }

  /// The error for reading values that must not be read, or `nil` when they may.
  ///
  /// HDF5 1.10 trusts a compact or contiguous dataset's storage size and copies as many bytes
  /// as the shape and type need, past the end of a smaller buffer; a corrupt layout message
  /// crashes it there. Virtual and external datasets would make it read other files from disk.
  ///
  /// Wraps `H5Dget_create_plist`, `H5Pget_layout`, `H5Pget_external_count` and
  /// `H5Dget_storage_size` (whose failure is a size of 0, refused like a too small one).
  private func checkStorage(elementSize: Int, context: HDF5Context) throws(LRLensError)
    -> LRLensError?
  {
    let id = id
    let creation = HDF5PropertyList(
      id: try HDF5Library.call(context) { H5Dget_create_plist(id) })
    let creationID = creation.id
    let layout = try HDF5Library.call(context) { H5Pget_layout(creationID).rawValue }
    let elsewhere = "store the values in the file itself (h5py: read them and write them again)"
    if layout == H5D_VIRTUAL.rawValue {
      return LRLensError(
        .badData, at: context.location,
        problem: "expected values stored in this file, found a virtual dataset",
        fix: elsewhere)
    }
    if try HDF5Library.call(context, { H5Pget_external_count(creationID) }) > 0 {
      return LRLensError(
        .badData, at: context.location,
        problem: "expected values stored in this file, found a dataset stored in external files",
        fix: elsewhere)
    }
    guard layout == H5D_COMPACT.rawValue || layout == H5D_CONTIGUOUS.rawValue else { return nil }
    let needed = elementCount.flatMap { count in
      let (bytes, overflow) = count.multipliedReportingOverflow(by: elementSize)
      return overflow ? nil : bytes
    }
    let stored = try HDF5Library.withLock { () throws(LRLensError) -> UInt64 in
      H5Dget_storage_size(id)
    }
    guard let needed, UInt64(needed) <= stored else {
      return LRLensError(
        .badData, at: context.location,
        problem: "expected \(needed.map { "\($0)" } ?? "more") bytes of storage for shape "
          + "\(shapeText) and type \(type.name), found \(stored)",
        fix: context.fix)
    }
    return nil
  }

  deinit {
    HDF5Library.release { H5Dclose(id) }
  }

  /// The product of dimensions, or `nil` when it overflows `Int`.
  private static func product(_ dimensions: [UInt64]) -> Int? {
    var count = 1
    for dimension in dimensions {
      guard let size = Int(exactly: dimension) else { return nil }
      let (product, overflow) = count.multipliedReportingOverflow(by: size)
      if overflow { return nil }
      count = product
    }
    return count
  }

  /// The shape as numpy prints it: `(100, 2)`, `(100,)`, `()` for a scalar.
  var shapeText: String {
    guard let dimensions else { return "(null)" }
    if dimensions.count == 1 { return "(\(dimensions[0]),)" }
    return "(" + dimensions.map { "\($0)" }.joined(separator: ", ") + ")"
  }

  /// Reads every element as a `Double`, HDF5 converting each number type.
  ///
  /// Wraps `H5Dread` with `H5T_NATIVE_DOUBLE` as the memory type.
  ///
  /// - Returns: The values in the dataset's row-major order.
  /// - Throws: `LRLensError` of kind `.badData` naming the dataset when its type is not a
  ///   number, its values exceed the file's budget, or HDF5 cannot read them.
  func readNumbers() throws(LRLensError) -> [Double] {
    guard type.isNumber else { throw notReadable("expected numbers, found \(type.name)") }
    if let storageError { throw storageError }
    let count = try file.reserve(elementCount, for: self)
    guard count > 0 else { return [] }
    var values = [Double](repeating: 0, count: count)
    let context = file.context("dataset '\(path)'", "cannot read the dataset")
    let id = id
    try HDF5Library.withLock { () throws(LRLensError) in
      let status = values.withUnsafeMutableBytes { buffer in
        H5Dread(
          id, lrlens_h5t_native_double(), lrlens_h5s_all(), lrlens_h5s_all(),
          lrlens_h5p_default(), buffer.baseAddress)
      }
      try HDF5Library.check(status, context: context)
    }
    return values
  }

  /// Reads every element of a fixed-length string dataset (pandas' `axis0`, `blockN_items`).
  ///
  /// Wraps `H5Dread` with the dataset's own type, so HDF5 converts nothing.
  ///
  /// - Returns: Each string up to its first NUL, decoded as UTF-8 (invalid bytes replaced).
  /// - Throws: `LRLensError` of kind `.badData` naming the dataset when it does not hold
  ///   fixed-length strings, they exceed the file's budget, or HDF5 cannot read them.
  func readStrings() throws(LRLensError) -> [String] {
    guard case .string(let length?) = type, length > 0, let typeID = fileType?.id else {
      throw notReadable("expected fixed-length strings, found \(type.name)")
    }
    // Strings count against the budget in units of 8 bytes, like the numbers they stand for.
    let byteCount = elementCount.flatMap { count in
      let (bytes, overflow) = count.multipliedReportingOverflow(by: length)
      return overflow ? nil : bytes
    }
    if let storageError { throw storageError }
    let count = try file.reserve(byteCount.map { ($0 + 7) / 8 }, for: self)
    guard count > 0, let elements = elementCount, let total = byteCount else { return [] }
    var bytes = [UInt8](repeating: 0, count: total)
    let context = file.context("dataset '\(path)'", "cannot read the dataset")
    let id = id
    try HDF5Library.withLock { () throws(LRLensError) in
      let status = bytes.withUnsafeMutableBytes { buffer in
        H5Dread(
          id, typeID, lrlens_h5s_all(), lrlens_h5s_all(), lrlens_h5p_default(),
          buffer.baseAddress)
      }
      try HDF5Library.check(status, context: context)
    }
    return (0..<elements).map { index in
      let string = bytes[(index * length)..<((index + 1) * length)]
      return String(decoding: string.prefix { $0 != 0 }, as: UTF8.self)
    }
  }

  /// Reads one numeric member of every record of a compound dataset (a pandas table's
  /// `values_block_0`), as `Double`s.
  ///
  /// The memory type is a compound with just that member, a `double` or an array of `width`
  /// `double`s, so HDF5 converts the member by name and skips the others.
  ///
  /// Wraps `H5Tcreate`, `H5Tarray_create2`, `H5Tinsert` and `H5Dread`.
  ///
  /// - Parameter member: The member's name; it must be a number or a one-dimensional array of
  ///   numbers.
  /// - Returns: For each record, its `width` values, one record after another.
  /// - Throws: `LRLensError` of kind `.badData` naming the dataset when the member is not
  ///   numeric, the values exceed the file's budget, or HDF5 cannot read them.
  func readMember(_ member: String) throws(LRLensError) -> [Double] {
    guard case .compound(let members) = type,
      let found = members.first(where: { $0.name == member })
    else { throw notReadable("expected a compound type with a member '\(member)'") }
    let width: Int
    switch found.type {
    case .float, .integer: width = 1
    case .array(let element, let count) where element.isNumber: width = count
    default: throw notReadable("expected numbers in member '\(member)', found \(found.type.name)")
    }
    let total = elementCount.flatMap { count in
      let (values, overflow) = count.multipliedReportingOverflow(by: width)
      return overflow ? nil : values
    }
    if let storageError { throw storageError }
    let count = try file.reserve(total, for: self)
    guard count > 0 else { return [] }
    let context = file.context("dataset '\(path)'", "cannot read member '\(member)'")
    let memoryType = try HDF5Datatype.record(
      member: member, width: found.type.isNumber ? nil : width, context: context)
    var values = [Double](repeating: 0, count: count)
    let (id, typeID) = (id, memoryType.id)
    try HDF5Library.withLock { () throws(LRLensError) in
      let status = values.withUnsafeMutableBytes { buffer in
        H5Dread(
          id, typeID, lrlens_h5s_all(), lrlens_h5s_all(), lrlens_h5p_default(),
          buffer.baseAddress)
      }
      try HDF5Library.check(status, context: context)
    }
    return values
  }

  /// A fixed-length string attribute of one value, such as PyTables' `values_block_0_kind`.
  ///
  /// - Parameter name: The attribute's name.
  /// - Returns: Its bytes up to the first NUL, or `nil` when the dataset has no such attribute
  ///   or it is not a fixed-length string of one value.
  /// - Throws: `LRLensError` of kind `.badData` when HDF5 cannot read it.
  func stringAttribute(_ name: String) throws(LRLensError) -> [UInt8]? {
    try HDF5Attribute.text(
      of: id, named: name, file: file, context: file.context("dataset '\(path)'", ""))
  }

  /// A one-byte flag attribute, such as pandas' `transposed` (a numpy bool).
  ///
  /// - Parameter name: The attribute's name.
  /// - Returns: Whether its byte is not zero, or `nil` when the dataset has no such attribute
  ///   or it is not a single one-byte integer, bit field or enum.
  /// - Throws: `LRLensError` of kind `.badData` when HDF5 cannot read it.
  func flagAttribute(_ name: String) throws(LRLensError) -> Bool? {
    try HDF5Attribute.flag(
      of: id, named: name, file: file, context: file.context("dataset '\(path)'", ""))
  }

  /// The error for a dataset that cannot be read as asked.
  private func notReadable(_ problem: String) -> LRLensError {
    LRLensError(
      .badData, at: file.location("dataset '\(path)'"), problem: problem,
      fix: "pick another dataset with --dataset, --lr-column or --loss-column")
  }
}

// MARK: - Handles the reader never sees

/// An HDF5 property list, owned by this object.
private final class HDF5PropertyList {
  let id: hid_t

  /// Takes ownership of a property list.
  init(id: hid_t) {
    self.id = id
  }

  /// Creates a file access property list.
  ///
  /// Wraps `H5Pcreate`.
  init(fileAccessFor context: HDF5Context) throws(LRLensError) {
    var context = context
    context.kind = .internalFailure
    id = try HDF5Library.call(context) { H5Pcreate(lrlens_h5p_file_access()) }
  }

  deinit {
    HDF5Library.release { H5Pclose(id) }
  }

  /// Makes the list open files in memory from a copy of `image`.
  ///
  /// Wraps `H5Pset_fapl_core` (no backing store) and `H5Pset_file_image` (which copies the
  /// bytes).
  func useCoreDriver(image: [UInt8], context: HDF5Context) throws(LRLensError) {
    var context = context
    context.kind = .internalFailure
    let id = id
    try HDF5Library.call(context) { H5Pset_fapl_core(id, 64 * 1024, false) }
    try HDF5Library.withLock { () throws(LRLensError) in
      let status = image.withUnsafeBytes { buffer in
        H5Pset_file_image(id, UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
      }
      try HDF5Library.check(status, context: context)
    }
  }
}

/// An HDF5 dataspace, owned by this object.
private final class HDF5Dataspace {
  /// The most dimensions HDF5 allows (`H5S_MAX_RANK`).
  static let maximumRank = 32

  let id: hid_t
  let context: HDF5Context

  init(id: hid_t, context: HDF5Context) {
    self.id = id
    self.context = context
  }

  deinit {
    HDF5Library.release { H5Sclose(id) }
  }

  /// The dimensions: empty for a scalar, `nil` for a null dataspace.
  ///
  /// Wraps `H5Sget_simple_extent_type`, `H5Sget_simple_extent_ndims` and
  /// `H5Sget_simple_extent_dims`.
  func dimensions() throws(LRLensError) -> [UInt64]? {
    let id = id
    let spaceClass = try HDF5Library.call(context) { H5Sget_simple_extent_type(id).rawValue }
    if spaceClass == H5S_NULL.rawValue { return nil }
    if spaceClass == H5S_SCALAR.rawValue { return [] }
    let rank = try HDF5Library.call(context) { H5Sget_simple_extent_ndims(id) }
    guard rank <= Self.maximumRank else {
      throw LRLensError(
        .badData, at: context.location,
        problem: "expected at most \(Self.maximumRank) dimensions, found \(rank)",
        fix: context.fix)
    }
    return try HDF5Library.withLock { () throws(LRLensError) -> [UInt64] in
      var dimensions = [hsize_t](repeating: 0, count: Int(rank))
      let found = H5Sget_simple_extent_dims(id, &dimensions, nil)
      try HDF5Library.check(found, context: context)
      return Array(dimensions.prefix(Int(found)))
    }
  }
}

/// An HDF5 datatype, owned by this object.
private final class HDF5Datatype {
  /// How deep compound and array types may nest.
  static let maximumDepth = 4

  let id: hid_t
  let context: HDF5Context

  init(id: hid_t, context: HDF5Context) {
    self.id = id
    self.context = context
  }

  deinit {
    HDF5Library.release { H5Tclose(id) }
  }

  /// A memory type for reading one member of a compound: a record holding that member as a
  /// `double`, or as an array of `width` `double`s.
  ///
  /// Wraps `H5Tcreate`, `H5Tarray_create2` and `H5Tinsert`.
  static func record(member: String, width: Int?, context: HDF5Context) throws(LRLensError)
    -> HDF5Datatype
  {
    var context = context
    context.kind = .internalFailure
    let elementSize = MemoryLayout<Double>.size
    var valueType: HDF5Datatype?
    if let width {
      var dimensions = [hsize_t(width)]
      valueType = HDF5Datatype(
        id: try HDF5Library.call(context) {
          H5Tarray_create2(lrlens_h5t_native_double(), 1, &dimensions)
        }, context: context)
    }
    let (recordSize, overflow) = elementSize.multipliedReportingOverflow(by: width ?? 1)
    guard !overflow else {
      throw LRLensError(
        .badData, at: context.location,
        problem: "expected a member of fewer values, found \(width ?? 1) per record",
        fix: context.fix)
    }
    let record = HDF5Datatype(
      id: try HDF5Library.call(context) { H5Tcreate(H5T_COMPOUND, recordSize) },
      context: context)
    let recordID = record.id
    let memberID = valueType?.id
    try HDF5Library.call(context) {
      H5Tinsert(recordID, member, 0, memberID ?? lrlens_h5t_native_double())
    }
    return record
  }

  /// Describes the type.
  ///
  /// Wraps `H5Tget_class`, `H5Tequal`, `H5Tis_variable_str`, `H5Tget_size`,
  /// `H5Tget_nmembers`, `H5Tget_member_name`, `H5Tget_member_type`, `H5Tget_member_offset`
  /// (whose failure is an offset of 0), `H5Tget_array_ndims`, `H5Tget_array_dims2` and
  /// `H5Tget_super`.
  func describe(depth: Int = 0) throws(LRLensError) -> HDF5ValueType {
    let id = id
    let context = context
    let typeClass = try HDF5Library.call(context) { H5Tget_class(id).rawValue }
    switch typeClass {
    case H5T_FLOAT.rawValue, H5T_INTEGER.rawValue:
      return try standardNumber()
        ?? .other(
          typeClass == H5T_FLOAT.rawValue ? "float (non-standard)" : "integer (non-standard)")
    case H5T_STRING.rawValue:
      if try HDF5Library.call(context, { H5Tis_variable_str(id) }) > 0 {
        return .string(length: nil)
      }
      return .string(length: try Self.size(of: id, context: context))
    case H5T_COMPOUND.rawValue where depth < Self.maximumDepth:
      return .compound(try members(depth: depth))
    case H5T_ARRAY.rawValue where depth < Self.maximumDepth:
      let rank = try HDF5Library.call(context) { H5Tget_array_ndims(id) }
      guard rank == 1 else { return .other("array of \(rank) dimensions") }
      let count = try HDF5Library.withLock { () throws(LRLensError) -> UInt64 in
        var dimensions: [hsize_t] = [0]
        try HDF5Library.check(H5Tget_array_dims2(id, &dimensions), context: context)
        return dimensions[0]
      }
      let element = HDF5Datatype(
        id: try HDF5Library.call(context) { H5Tget_super(id) }, context: context)
      guard let count = Int(exactly: count) else { return .other("array") }
      return .array(of: try element.describe(depth: depth + 1), count: count)
    default:
      return .other(Self.className(typeClass))
    }
  }

  /// The size of a type's elements in bytes.
  ///
  /// Wraps `H5Tget_size`, whose failure is a size of 0.
  static func size(of id: hid_t, context: HDF5Context) throws(LRLensError) -> Int {
    try HDF5Library.call(context) {
      let size = H5Tget_size(id)
      return size == 0 ? -1 : Int(clamping: size)
    }
  }

  /// The standard float or integer type this type equals, if any.
  ///
  /// Wraps `H5Tequal`.
  private func standardNumber() throws(LRLensError) -> HDF5ValueType? {
    // The order of lrlens_h5t_standard_number's table in shim.h.
    let standard: [HDF5ValueType] =
      [32, 64].flatMap { bits in [HDF5ValueType.float(bits: bits), .float(bits: bits)] }
      + [true, false].flatMap { isSigned in
        [8, 16, 32, 64].flatMap { bits in
          [
            HDF5ValueType.integer(bits: bits, isSigned: isSigned),
            .integer(bits: bits, isSigned: isSigned),
          ]
        }
      }
    let id = id
    for (index, type) in standard.enumerated() {
      let index = Int32(index)
      let isEqual = try HDF5Library.call(context) {
        H5Tequal(id, lrlens_h5t_standard_number(index))
      }
      if isEqual > 0 { return type }
    }
    return nil
  }

  /// The members of a compound type.
  private func members(depth: Int) throws(LRLensError) -> [HDF5Member] {
    let id = id
    let context = context
    let count = try HDF5Library.call(context) { H5Tget_nmembers(id) }
    let recordSize = try Self.size(of: id, context: context)
    var members: [HDF5Member] = []
    for index in 0..<UInt32(count) {
      let name = try HDF5Library.withLock { () throws(LRLensError) -> String in
        guard let name = H5Tget_member_name(id, index) else {
          try HDF5Library.check(-1, context: context)
          return ""
        }
        let text = String(cString: name)
        try HDF5Library.check(H5free_memory(name), context: context)
        return text
      }
      let member = HDF5Datatype(
        id: try HDF5Library.call(context) { H5Tget_member_type(id, index) }, context: context)
      let offset = try HDF5Library.withLock { () throws(LRLensError) -> Int in
        Int(clamping: H5Tget_member_offset(id, index))
      }
      let size = try Self.size(of: member.id, context: context)
      let (end, overflow) = offset.addingReportingOverflow(size)
      // HDF5 1.10 does not check this when it reads the type, and crashes converting records
      // whose members stick out of them.
      guard !overflow, end <= recordSize else {
        throw LRLensError(
          .badData, at: context.location,
          problem: "expected member '\(name)' of the compound type within its "
            + "\(recordSize)-byte records, found it at bytes \(offset) to \(end)",
          fix: context.fix)
      }
      members.append(HDF5Member(name: name, type: try member.describe(depth: depth + 1)))
    }
    return members
  }

  /// The name of a datatype class.
  private static func className(_ typeClass: Int32) -> String {
    switch typeClass {
    case H5T_TIME.rawValue: "time"
    case H5T_BITFIELD.rawValue: "bitfield"
    case H5T_OPAQUE.rawValue: "opaque"
    case H5T_REFERENCE.rawValue: "reference"
    case H5T_ENUM.rawValue: "enum"
    case H5T_VLEN.rawValue: "variable-length sequence"
    case H5T_COMPOUND.rawValue: "compound"
    case H5T_ARRAY.rawValue: "array"
    default: "unknown type"
    }
  }
}

/// An HDF5 attribute, owned by this object, and the two kinds of attribute lrlens reads.
private final class HDF5Attribute {
  let id: hid_t

  /// Opens an attribute of an object.
  ///
  /// Wraps `H5Aopen`.
  private init(of object: hid_t, named name: String, context: HDF5Context) throws(LRLensError) {
    id = try HDF5Library.call(context) { H5Aopen(object, name, lrlens_h5p_default()) }
  }

  deinit {
    HDF5Library.release { H5Aclose(id) }
  }

  /// Opens an attribute if the object has it.
  ///
  /// Wraps `H5Aexists`.
  private static func open(_ object: hid_t, _ name: String, context: HDF5Context)
    throws(LRLensError) -> HDF5Attribute?
  {
    guard try HDF5Library.call(context, { H5Aexists(object, name) }) > 0 else { return nil }
    return try HDF5Attribute(of: object, named: name, context: context)
  }

  /// An attribute's type, and its size in bytes when it holds exactly one value.
  ///
  /// Wraps `H5Aget_type`, `H5Aget_space`, `H5Sget_simple_extent_npoints` and `H5Tget_size`.
  private func scalarType(context: HDF5Context) throws(LRLensError) -> (HDF5Datatype, Int)? {
    let id = id
    let type = HDF5Datatype(
      id: try HDF5Library.call(context) { H5Aget_type(id) }, context: context)
    let space = HDF5Dataspace(
      id: try HDF5Library.call(context) { H5Aget_space(id) }, context: context)
    let spaceID = space.id
    let points = try HDF5Library.call(context) { H5Sget_simple_extent_npoints(spaceID) }
    guard points == 1 else { return nil }
    return (type, try HDF5Datatype.size(of: type.id, context: context))
  }

  /// Reads the attribute's one value as raw bytes, with its own type as the memory type.
  ///
  /// Wraps `H5Aread`.
  private func bytes(type: HDF5Datatype, size: Int, context: HDF5Context) throws(LRLensError)
    -> [UInt8]
  {
    var bytes = [UInt8](repeating: 0, count: size)
    let (id, typeID) = (id, type.id)
    try HDF5Library.withLock { () throws(LRLensError) in
      let status = bytes.withUnsafeMutableBytes { H5Aread(id, typeID, $0.baseAddress) }
      try HDF5Library.check(status, context: context)
    }
    return bytes
  }

  /// A fixed-length string attribute of one value: its bytes up to the first NUL.
  static func text(of object: hid_t, named name: String, file: HDF5File, context: HDF5Context)
    throws(LRLensError) -> [UInt8]?
  {
    let context = attributeContext(context, name)
    guard let attribute = try open(object, name, context: context),
      let (type, size) = try attribute.scalarType(context: context),
      case .string(let length?) = try type.describe(), length == size, size <= file.byteCount
    else { return nil }
    return Array(try attribute.bytes(type: type, size: size, context: context).prefix { $0 != 0 })
  }

  /// A one-byte integer, bit field or enum attribute of one value, as a flag.
  static func flag(of object: hid_t, named name: String, file: HDF5File, context: HDF5Context)
    throws(LRLensError) -> Bool?
  {
    let context = attributeContext(context, name)
    guard let attribute = try open(object, name, context: context),
      let (type, size) = try attribute.scalarType(context: context), size == 1
    else { return nil }
    let typeID = type.id
    let typeClass = try HDF5Library.call(context) { H5Tget_class(typeID).rawValue }
    guard [H5T_INTEGER.rawValue, H5T_BITFIELD.rawValue, H5T_ENUM.rawValue].contains(typeClass)
    else { return nil }
    return try attribute.bytes(type: type, size: 1, context: context)[0] != 0
  }

  /// The context of reading an attribute: the object's location, the attribute's name.
  private static func attributeContext(_ context: HDF5Context, _ name: String) -> HDF5Context {
    var context = context
    context.problem = "cannot read attribute '\(name)'"
    return context
  }
}
