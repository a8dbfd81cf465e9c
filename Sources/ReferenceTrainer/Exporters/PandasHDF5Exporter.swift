internal import LRLensCore

/// Writes pandas' `DataFrame({'lr': lrs, 'loss': losses}).to_hdf(path, key='lr_find')` in the
/// default fixed format (``ExportFormat/pandasHDF5``), so that pandas reads it back with
/// `pd.read_hdf(path, 'lr_find')`.
///
/// The layout and attributes are those pandas 3.1 and PyTables 3.11 write (the reference runs'
/// `lr_find_pandas.h5`, inspected with `h5dump -A`):
/// - the root group with PyTables' `CLASS='GROUP'`, `PYTABLES_FORMAT_VERSION='2.1'`,
///   `TITLE=''` and `VERSION='1.0'`;
/// - the group `/lr_find` with `CLASS`, `TITLE`, `VERSION='1.0'` and pandas' `pandas_type=
///   'frame'`, `encoding='UTF-8'`, `errors='strict'`, `ndim=2`, `nblocks=1` and
///   `axis0_variety`, `axis1_variety`, `block0_items_variety` = `'regular'`;
/// - datasets `axis0` (the column names, `|S4`), `axis1` (the int64 index 0…n-1),
///   `block0_items` (the block's column names) and `block0_values` (float64, n × 2, one row
///   per point), each with PyTables' array attributes (`CLASS='ARRAY'`, `FLAVOR='numpy'`,
///   `TITLE=''`, `VERSION='2.4'`) and pandas' `transposed=True`; the name arrays also carry
///   `kind` (`'string'` or `'integer'`), `name` (`N.`, the pickle of `None`, in ASCII so that
///   PyTables unpickles it) and, for strings, an empty `nan_rep`.
///
/// Strings are UTF-8 attributes (PyTables' `str`) except `name`; empty strings are PyTables'
/// one-byte string with a null dataspace. The file is built in memory through the HDF5 C
/// library; its bytes differ from PyTables' (another HDF5 version), its content does not.
struct PandasHDF5Exporter: Exporter {
  /// The key the frame is stored under.
  static let key = "lr_find"

  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8] {
    let builder = try HDF5ImageBuilder(path: path)
    let group = "/" + Self.key
    try set(["CLASS": .text("GROUP"), "PYTABLES_FORMAT_VERSION": .text("2.1")], on: "/", builder)
    try set(["TITLE": .emptyText, "VERSION": .text("1.0")], on: "/", builder)
    try builder.createGroup(group)
    try set(
      ["CLASS": .text("GROUP"), "TITLE": .emptyText, "VERSION": .text("1.0")], on: group, builder)
    try set(
      [
        "pandas_type": .text("frame"), "encoding": .text("UTF-8"), "errors": .text("strict"),
        "ndim": .integer(2), "axis0_variety": .text("regular"), "axis1_variety": .text("regular"),
        "nblocks": .integer(1), "block0_items_variety": .text("regular"),
      ], on: group, builder)

    let columns = ["lr", "loss"]
    let count = record.recordedLosses.count
    try builder.writeDataset(group + "/axis0", strings: columns)
    try setIndexAttributes(on: group + "/axis0", kind: "string", builder)
    try builder.writeDataset(group + "/axis1", values: (0..<count).map { Int64($0) })
    try setIndexAttributes(on: group + "/axis1", kind: "integer", builder)
    try builder.writeDataset(group + "/block0_items", strings: columns)
    try setIndexAttributes(on: group + "/block0_items", kind: "string", builder)
    var values: [Double] = []
    values.reserveCapacity(2 * count)
    for (learningRate, loss) in zip(record.learningRates, record.recordedLosses) {
      values += [learningRate, loss]
    }
    try builder.writeDataset(group + "/block0_values", values: values, shape: [count, 2])
    try setArrayAttributes(on: group + "/block0_values", builder)
    return try builder.image()
  }

  /// PyTables' attributes of an `Array` node, and pandas' `transposed`.
  private func setArrayAttributes(on path: String, _ builder: HDF5ImageBuilder)
    throws(LRLensError)
  {
    try set(["CLASS": .text("ARRAY"), "FLAVOR": .text("numpy")], on: path, builder)
    try set(
      ["TITLE": .emptyText, "VERSION": .text("2.4"), "transposed": .flag(true)], on: path, builder)
  }

  /// The attributes pandas' `write_index` gives an index array: the array's, plus `kind`,
  /// `name` (pickled `None`) and, for strings, `nan_rep`.
  private func setIndexAttributes(on path: String, kind: String, _ builder: HDF5ImageBuilder)
    throws(LRLensError)
  {
    try setArrayAttributes(on: path, builder)
    try set(["kind": .text(kind), "name": .text("N.", isUTF8: false)], on: path, builder)
    if kind == "string" { try set(["nan_rep": .emptyText], on: path, builder) }
  }

  /// Sets attributes of one object, in name order (HDF5 lists them by name anyway).
  private func set(
    _ attributes: [String: HDF5AttributeValue], on path: String, _ builder: HDF5ImageBuilder
  ) throws(LRLensError) {
    for name in attributes.keys.sorted() {
      if let value = attributes[name] { try builder.setAttribute(name, value, on: path) }
    }
  }
}
