internal import LRLensCore

/// Writes Keras 3's `CSVLogger` file (``ExportFormat/kerasCSVLogger``), each batch of the
/// record as one logged epoch.
///
/// Keras' `CSVLogger.on_epoch_end` takes the sorted keys of the first epoch's logs
/// (`learning_rate`, added by `LearningRateScheduler`, and `loss`) and, when none of them
/// starts with `val_`, appends a `val_` twin of each, which stays `NA` without validation
/// data. `csv.DictWriter` writes the rows with CRLF line ends: `epoch` as an integer, the
/// logged Python floats as `repr` (`nan` for NaN).
struct KerasCSVLoggerExporter: Exporter {
  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8] {
    var output: [UInt8] = []
    let lineEnd = CSVFieldWriter.LineEnd.carriageReturnLineFeed
    let header = ["epoch", "learning_rate", "loss", "val_learning_rate", "val_loss"]
    CSVFieldWriter.appendRow(header, lineEnd: lineEnd, to: &output)
    for (epoch, (learningRate, loss)) in zip(record.learningRates, record.recordedLosses)
      .enumerated()
    {
      let cells = [
        "\(epoch)", PythonFloatFormat.repr(learningRate), PythonFloatFormat.repr(loss), "NA",
        "NA",
      ]
      CSVFieldWriter.appendRow(cells, lineEnd: lineEnd, to: &output)
    }
    return output
  }
}
