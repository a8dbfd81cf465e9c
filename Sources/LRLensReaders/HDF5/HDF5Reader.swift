package import LRLensCore

/// Reads a learning-rate range test from an HDF5 file, through the HDF5 C library.
///
/// Accepted layouts:
/// - **h5py datasets**: numeric datasets of one dimension, such as `lr` and `loss` or `lrs`
///   and `losses`, side by side at the root or in a group at any depth (`/finder/lr`). Shapes
///   `(n, 1)` and `(1, n)` count as one dimension. ``ColumnMatcher`` picks the series from
///   the dataset names, and `--lr-column`/`--loss-column` name datasets of that group;
/// - **pandas, fixed format** (`df.to_hdf(path, key=...)`): a group whose attribute
///   `pandas_type` is `frame`, with the column names in `axis0` and one block per dtype:
///   `blockN_items` names the block's columns and `blockN_values` holds them, shaped
///   (rows, columns) when its attribute `transposed` is set, as pandas writes it;
/// - **pandas, table format** (`format='table'`): a group whose `pandas_type` is
///   `frame_table`, holding the compound dataset `table` whose members are `index`, one
///   `values_block_N` per dtype (an array of that block's columns, named by the attribute
///   `values_block_N_kind`, a pickle of their names) and one member per data column.
///   PyTables' index group `_i_table` is ignored. The columns keep the order of the group's
///   `non_index_axes` attribute when it names them all.
///
/// Numbers may be IEEE floats of 32 or 64 bits or integers of 8 to 64 bits, of either byte
/// order; HDF5 converts them to `Double` (integers above 2^53 round). A file holding several
/// such groups or frames is read when only one of them has a learning-rate and a loss series;
/// otherwise `--dataset PATH` names the group or frame, or the loss dataset itself.
///
/// Every value lrlens reads comes from the C library: this reader parses no HDF5 structure
/// itself. The library runs behind one lock (it is not thread-safe), and reads at most 8
/// values per byte of input, so a corrupt file cannot make it allocate more than the input
/// could hold.
package struct HDF5Reader: LogReader {
  /// The format this reader reads: `.hdf5`.
  package static let format = LogFormat.hdf5

  /// The 8-byte signature that starts an HDF5 superblock.
  package static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

  /// Creates an HDF5 reader.
  package init() {}

  /// Whether an input is an HDF5 file: whether it has the HDF5 signature at offset 0, or at
  /// 512, 1024, 2048 and so on, where the superblock sits after a user block.
  ///
  /// - Parameter input: The input.
  /// - Returns: Whether a signature was found.
  /// - Complexity: O(log n) in the size of the input.
  package static func recognizes(_ input: LogInput) -> Bool {
    let bytes = input.bytes
    var offset = 0
    while offset <= bytes.count - signature.count {
      if bytes[offset..<(offset + signature.count)].elementsEqual(signature) { return true }
      let (next, overflow) = offset == 0 ? (512, false) : offset.multipliedReportingOverflow(by: 2)
      if overflow { break }
      offset = next
    }
    return false
  }

  /// Reads a whole HDF5 input.
  ///
  /// - Parameters:
  ///   - input: The input's bytes and path.
  ///   - options: The user's `--dataset`, `--lr-column` and `--loss-column`.
  /// - Returns: The curve, notes about the choice of group, warnings about series lrlens could
  ///   not use, and an inventory of every dataset and frame column of the file.
  /// - Throws: `LRLensError` of kind `.badData` when HDF5 cannot read the file ("not a
  ///   readable HDF5 file: ..." with HDF5's own text), when it holds no curve or several and
  ///   `--dataset` chooses none, when a chosen dataset has the wrong type or shape, or when the
  ///   series fail the checks of ``CurveAssembler``; of kind `.usage` when options contradict.
  /// - Complexity: O(n) in the number of objects and values of the file.
  package func read(_ input: LogInput, options: ReadOptions) throws(LRLensError) -> ReadResult {
    let file = try HDF5File(image: input.bytes, path: input.path)
    let catalog = try HDF5Catalog(file: file)
    let selection = try catalog.select(options)
    var reader = CandidateReader(
      file: file, candidate: catalog.candidates[selection.candidate], options: selection.options)
    var result = try reader.read(diagnostics: selection.diagnostics)
    result.inventory = reader.annotate(catalog.inventory)
    return result
  }
}
