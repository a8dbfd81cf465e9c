internal import LRLensCore

/// Writes the style's CSV export (``ExportFormat/csv``).
///
/// - fastai, torch-lr-finder, Lightning, Ignite: what users write with pandas,
///   `pd.DataFrame({'lr': lrs, 'loss': losses}).to_csv(path)`: the header `,lr,loss` (the
///   index column has no name), rows `i,lr,loss` ended by `\n`, NaN as an empty cell, other
///   floats as `repr` (`inf` for infinity). A fastai record with several parameter groups
///   gets one column per group, `,lr_0,lr_1,loss`, as fastai names groups.
/// - Keras: keras_lr_finder's per-batch log, `batch,lr,loss` from `csv.writer`: CRLF line
///   ends, `nan` for NaN.
/// - MXNet: the tutorial's results written by `csv.writer`, `lr,loss`, CRLF, `nan`.
struct CSVExporter: Exporter {
  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8] {
    var output: [UInt8] = []
    let losses = record.recordedLosses
    switch record.style {
    case .fastai, .torchLRFinder, .lightning, .ignite:
      let groups =
        record.style == .fastai && record.exportedGroupLearningRates.count > 1
        ? record.exportedGroupLearningRates : [record.learningRates]
      let names = groups.count > 1 ? groups.indices.map { "lr_\($0)" } : ["lr"]
      CSVFieldWriter.appendRow([""] + names + ["loss"], lineEnd: .lineFeed, to: &output)
      for index in losses.indices {
        let cells = groups.map { Self.pandasCell($0[index]) } + [Self.pandasCell(losses[index])]
        CSVFieldWriter.appendRow(["\(index)"] + cells, lineEnd: .lineFeed, to: &output)
      }
    case .keras:
      let lineEnd = CSVFieldWriter.LineEnd.carriageReturnLineFeed
      CSVFieldWriter.appendRow(["batch", "lr", "loss"], lineEnd: lineEnd, to: &output)
      for (index, (learningRate, loss)) in zip(record.learningRates, losses).enumerated() {
        let cells = [
          "\(index)", PythonFloatFormat.repr(learningRate), PythonFloatFormat.repr(loss),
        ]
        CSVFieldWriter.appendRow(cells, lineEnd: lineEnd, to: &output)
      }
    case .mxnet:
      let lineEnd = CSVFieldWriter.LineEnd.carriageReturnLineFeed
      CSVFieldWriter.appendRow(["lr", "loss"], lineEnd: lineEnd, to: &output)
      for (learningRate, loss) in zip(record.learningRates, losses) {
        let cells = [PythonFloatFormat.repr(learningRate), PythonFloatFormat.repr(loss)]
        CSVFieldWriter.appendRow(cells, lineEnd: lineEnd, to: &output)
      }
    }
    return output
  }

  /// A float as pandas' `to_csv` writes it: `repr`, and an empty cell for NaN.
  private static func pandasCell(_ value: Double) -> String {
    value.isNaN ? "" : PythonFloatFormat.repr(value)
  }
}
