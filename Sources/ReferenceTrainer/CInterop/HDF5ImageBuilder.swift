internal import CHDF5
internal import LRLensCore
internal import LRLensIO

/// The value of an HDF5 attribute, in the types h5py and PyTables write.
enum HDF5AttributeValue: Sendable, Equatable {
  /// A scalar fixed-length string of exactly its UTF-8 bytes (no terminator counted),
  /// null-terminated padding, with the UTF-8 character set (PyTables' `str` attributes) or
  /// ASCII (its pickled `bytes`, such as `N.` for `None`).
  case text(String, isUTF8: Bool = true)
  /// An empty string as PyTables stores one: a 1-byte UTF-8 string type with a null dataspace.
  case emptyText
  /// A scalar little-endian 64-bit integer (numpy `int64`).
  case integer(Int64)
  /// A scalar 8-bit little-endian bit field (numpy `bool`, as PyTables stores it).
  case flag(Bool)
}

/// The element type of a dataset.
private enum HDF5ElementType: Sendable, Equatable {
  /// Little-endian IEEE float64.
  case float64
  /// Little-endian two's complement int64.
  case int64
  /// ASCII strings of a fixed length in bytes, null-padded (numpy `|S<length>`).
  case fixedString(length: Int)
}

/// An HDF5 file built in memory, through the HDF5 C library, whose bytes are taken once it is
/// complete.
///
/// The file lives in HDF5's core (memory) driver without a backing store, so nothing touches
/// the disk until the caller writes the image atomically. Its format is HDF5's default, the
/// earliest one (superblock version 0), which h5py and PyTables also write by default and
/// every HDF5 version reads. Datasets are contiguous and unfiltered, as h5py and PyTables
/// write small arrays. No object records its creation or modification time (h5py's default),
/// so the same content gives the same bytes. Objects are named by absolute paths
/// (`/lr_find/axis0`).
final class HDF5ImageBuilder {
  /// The path the image will be written to, for messages.
  let path: String
  /// The in-memory file.
  private let file: HDF5Handle

  /// Creates an empty in-memory file.
  ///
  /// Wraps `H5Pcreate`, `H5Pset_fapl_core` and `H5Fcreate`.
  ///
  /// - Parameter path: The output path the image is meant for, for messages.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` when HDF5 cannot create it.
  init(path: String) throws(LRLensError) {
    self.path = path
    let failure = HDF5Context.export(
      at: InputLocation(path: path), "cannot create an HDF5 file in memory")
    let access = try HDF5Handle(failure, close: H5Pclose) {
      H5Pcreate(lrlens_h5p_file_access())
    }
    try HDF5Library.call(failure) { H5Pset_fapl_core(access.id, 64 * 1024, false) }
    let name = HDF5Library.uniqueImageName()
    file = try HDF5Handle(failure, close: H5Fclose) {
      H5Fcreate(name, lrlens_h5f_acc_trunc(), lrlens_h5p_default(), access.id)
    }
  }

  /// Creates a group.
  ///
  /// Wraps `H5Gcreate2`.
  ///
  /// - Parameter objectPath: The group's absolute path; its parent must exist.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` naming the group.
  func createGroup(_ objectPath: String) throws(LRLensError) {
    let failure = self.failure("group '\(objectPath)'", "cannot create the group")
    let creation = try Self.untimedCreation(lrlens_h5p_group_create, failure: failure)
    let (fileID, creationID) = (file.id, creation.id)
    _ = try HDF5Handle(failure, close: H5Gclose) {
      H5Gcreate2(fileID, objectPath, lrlens_h5p_default(), creationID, lrlens_h5p_default())
    }
  }

  /// Creates a float64 dataset and writes its values.
  ///
  /// - Parameters:
  ///   - objectPath: The dataset's absolute path.
  ///   - values: The values, the last dimension varying fastest.
  ///   - shape: The dimensions; their product is `values.count`.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` naming the dataset.
  func writeDataset(_ objectPath: String, values: [Double], shape: [Int]) throws(LRLensError) {
    let bytes = values.withUnsafeBytes { Array($0) }
    try writeDataset(objectPath, type: .float64, shape: shape, bytes: bytes)
  }

  /// Creates a one-dimensional int64 dataset and writes its values.
  ///
  /// - Parameters:
  ///   - objectPath: The dataset's absolute path.
  ///   - values: The values.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` naming the dataset.
  func writeDataset(_ objectPath: String, values: [Int64]) throws(LRLensError) {
    let bytes = values.withUnsafeBytes { Array($0) }
    try writeDataset(objectPath, type: .int64, shape: [values.count], bytes: bytes)
  }

  /// Creates a one-dimensional dataset of fixed-length ASCII strings, each null-padded to the
  /// longest (numpy's `|S<n>` array of the strings' bytes).
  ///
  /// - Parameters:
  ///   - objectPath: The dataset's absolute path.
  ///   - strings: The strings.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` naming the dataset.
  func writeDataset(_ objectPath: String, strings: [String]) throws(LRLensError) {
    let length = max(1, strings.map(\.utf8.count).max() ?? 1)
    var bytes: [UInt8] = []
    for string in strings {
      bytes += string.utf8
      bytes += repeatElement(0, count: length - string.utf8.count)
    }
    try writeDataset(
      objectPath, type: .fixedString(length: length), shape: [strings.count], bytes: bytes)
  }

  /// Sets an attribute of a group or dataset.
  ///
  /// Wraps `H5Oopen`, `H5Screate`, `H5Acreate2` and `H5Awrite`.
  ///
  /// - Parameters:
  ///   - name: The attribute's name.
  ///   - value: Its value and type.
  ///   - objectPath: The object's absolute path (`/` for the root group).
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` naming the object and attribute.
  func setAttribute(_ name: String, _ value: HDF5AttributeValue, on objectPath: String)
    throws(LRLensError)
  {
    let failure = self.failure(
      "attribute '\(name)' of '\(objectPath)'", "cannot write the attribute")
    let fileID = file.id
    let object = try HDF5Handle(failure, close: H5Oclose) {
      H5Oopen(fileID, objectPath, lrlens_h5p_default())
    }
    let (fileType, memoryType, bytes): (HDF5Handle, HDF5Handle, [UInt8]?)
    switch value {
    case .text(let text, let isUTF8):
      guard !text.isEmpty else {
        return try setAttribute(name, .emptyText, on: objectPath)
      }
      let type = try Self.stringType(
        length: text.utf8.count, isUTF8: isUTF8, failure: failure)
      (fileType, memoryType, bytes) = (type, type, Array(text.utf8))
    case .emptyText:
      let type = try Self.stringType(length: 1, isUTF8: true, failure: failure)
      (fileType, memoryType, bytes) = (type, type, nil)
    case .integer(let integer):
      fileType = try Self.copy(lrlens_h5t_std_i64le, failure: failure)
      memoryType = try Self.copy(lrlens_h5t_native_int64, failure: failure)
      bytes = withUnsafeBytes(of: integer) { Array($0) }
    case .flag(let flag):
      fileType = try Self.copy(lrlens_h5t_std_b8le, failure: failure)
      memoryType = try Self.copy(lrlens_h5t_native_b8, failure: failure)
      bytes = [flag ? 1 : 0]
    }
    let spaceClass = bytes == nil ? H5S_NULL : H5S_SCALAR
    let space = try HDF5Handle(failure, close: H5Sclose) { H5Screate(spaceClass) }
    let (objectID, fileTypeID, spaceID) = (object.id, fileType.id, space.id)
    let attribute = try HDF5Handle(failure, close: H5Aclose) {
      H5Acreate2(objectID, name, fileTypeID, spaceID, lrlens_h5p_default(), lrlens_h5p_default())
    }
    guard let bytes else { return }
    let (attributeID, memoryTypeID) = (attribute.id, memoryType.id)
    try HDF5Library.call(failure) {
      bytes.withUnsafeBytes { H5Awrite(attributeID, memoryTypeID, $0.baseAddress) }
    }
  }

  /// The bytes of the whole file, as it would be on disk once closed.
  ///
  /// Wraps `H5Fflush` and `H5Fget_file_image` (called once to measure, once to copy).
  ///
  /// - Returns: The file image.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` when HDF5 cannot flush or copy it.
  func image() throws(LRLensError) -> [UInt8] {
    let failure = self.failure(nil, "cannot finish the HDF5 file")
    let fileID = file.id
    try HDF5Library.call(failure) { H5Fflush(fileID, H5F_SCOPE_LOCAL) }
    let size = try HDF5Library.call(failure) { H5Fget_file_image(fileID, nil, 0) }
    var bytes = [UInt8](repeating: 0, count: size)
    let copied = try HDF5Library.call(failure) {
      bytes.withUnsafeMutableBytes { H5Fget_file_image(fileID, $0.baseAddress, $0.count) }
    }
    guard copied == size else {
      throw LRLensError(
        .internalFailure, at: failure.location,
        problem: "HDF5 measured the file at \(size) bytes but copied \(copied)",
        fix: "report this as a bug in lrlens")
    }
    return bytes
  }

  /// Creates a dataset of a type and shape, and writes its raw (native) bytes.
  ///
  /// Wraps `H5Screate_simple`, `H5Dcreate2` and `H5Dwrite`.
  private func writeDataset(
    _ objectPath: String, type: HDF5ElementType, shape: [Int], bytes: [UInt8]
  ) throws(LRLensError) {
    let failure = self.failure("dataset '\(objectPath)'", "cannot write the dataset")
    let fileType: HDF5Handle
    let memoryType: HDF5Handle
    switch type {
    case .float64:
      fileType = try Self.copy(lrlens_h5t_ieee_f64le, failure: failure)
      memoryType = try Self.copy(lrlens_h5t_native_double, failure: failure)
    case .int64:
      fileType = try Self.copy(lrlens_h5t_std_i64le, failure: failure)
      memoryType = try Self.copy(lrlens_h5t_native_int64, failure: failure)
    case .fixedString(let length):
      fileType = try Self.stringType(length: length, isUTF8: false, failure: failure)
      memoryType = fileType
    }
    let dimensions = shape.map { hsize_t($0) }
    let space = try HDF5Handle(failure, close: H5Sclose) {
      H5Screate_simple(Int32(dimensions.count), dimensions, nil)
    }
    let creation = try Self.untimedCreation(lrlens_h5p_dataset_create, failure: failure)
    let (fileID, fileTypeID, spaceID, creationID) = (file.id, fileType.id, space.id, creation.id)
    let dataset = try HDF5Handle(failure, close: H5Dclose) {
      H5Dcreate2(
        fileID, objectPath, fileTypeID, spaceID, lrlens_h5p_default(), creationID,
        lrlens_h5p_default())
    }
    // An empty dataset has nothing to write (and HDF5 refuses a null buffer).
    guard !bytes.isEmpty else { return }
    let (datasetID, memoryTypeID) = (dataset.id, memoryType.id)
    try HDF5Library.call(failure) {
      bytes.withUnsafeBytes {
        H5Dwrite(
          datasetID, memoryTypeID, lrlens_h5s_all(), lrlens_h5s_all(), lrlens_h5p_default(),
          $0.baseAddress)
      }
    }
  }

  /// An object creation property list that records no times, so that the file's bytes do
  /// not depend on when it was written (h5py's default, `track_times=False`).
  ///
  /// Wraps `H5Pcreate` and `H5Pset_obj_track_times`.
  private static func untimedCreation(_ propertyClass: () -> hid_t, failure: HDF5Context)
    throws(LRLensError) -> HDF5Handle
  {
    let list = try HDF5Handle(failure, close: H5Pclose) { H5Pcreate(propertyClass()) }
    let id = list.id
    try HDF5Library.call(failure) { H5Pset_obj_track_times(id, false) }
    return list
  }

  /// A copy of one of HDF5's predefined types, which the shim returns.
  ///
  /// Wraps `H5Tcopy`; the predefined type is read under the lock, as reading it may start
  /// the library.
  private static func copy(_ predefined: () -> hid_t, failure: HDF5Context)
    throws(LRLensError) -> HDF5Handle
  {
    try HDF5Handle(failure, close: H5Tclose) { H5Tcopy(predefined()) }
  }

  /// A fixed-length, null-terminated string type of the given length and character set.
  ///
  /// Wraps `H5Tcopy`, `H5Tset_size`, `H5Tset_strpad` and `H5Tset_cset`.
  private static func stringType(length: Int, isUTF8: Bool, failure: HDF5Context)
    throws(LRLensError) -> HDF5Handle
  {
    let type = try copy(lrlens_h5t_c_s1, failure: failure)
    let id = type.id
    try HDF5Library.call(failure) { H5Tset_size(id, length) }
    try HDF5Library.call(failure) { H5Tset_strpad(id, H5T_STR_NULLTERM) }
    try HDF5Library.call(failure) { H5Tset_cset(id, isUTF8 ? H5T_CSET_UTF8 : H5T_CSET_ASCII) }
    return type
  }

  /// What a call on an object of the file does, for its error.
  private func failure(_ detail: String?, _ problem: String) -> HDF5Context {
    HDF5Context.export(at: InputLocation(path: path, detail: detail), problem)
  }
}

extension HDF5Context {
  /// The context of a call that builds an export in memory: its failure means the output
  /// cannot be created, and short of memory it is a bug.
  ///
  /// - Parameters:
  ///   - location: The output and the object written: `run.h5 (dataset '/lr_find/axis0')`.
  ///   - problem: The start of the problem, before HDF5's own text.
  /// - Returns: The context, of kind `.cannotCreateOutput`.
  static func export(at location: InputLocation, _ problem: String) -> HDF5Context {
    HDF5Context(
      location: location, problem: problem,
      fix: "check that enough memory is free; if it is, report this HDF5 message as a bug "
        + "in lrlens",
      kind: .cannotCreateOutput)
  }
}

/// One HDF5 identifier (file, group, dataset, dataspace, datatype, attribute, property list),
/// owned by this object and closed by its `deinit`.
private final class HDF5Handle {
  /// The identifier.
  let id: hid_t
  /// The call that closes it (`H5Dclose`, `H5Sclose`, ...).
  private let close: (hid_t) -> herr_t

  /// Makes an opening or creating call and takes ownership of the identifier it returns.
  init(_ failure: HDF5Context, close: @escaping (hid_t) -> herr_t, _ open: () -> hid_t)
    throws(LRLensError)
  {
    id = try HDF5Library.call(failure, open)
    self.close = close
  }

  deinit {
    HDF5Library.release { [id, close] in close(id) }
  }
}
