internal import LRLensCore

/// Writes Lightning's `CSVLogger` `metrics.csv` (``ExportFormat/lightningMetrics``) for a run
/// logged with a `LearningRateMonitor(logging_interval='step')` and `self.log("train_loss", …)`.
///
/// Each batch is a step: the monitor logs every parameter group's learning rate at the batch's
/// start (`lr-SGD` for one group; `lr-SGD/pg1`, `lr-SGD/pg2`, … for several), then the training
/// step logs `train_loss` with the `epoch` (0: a range test is one epoch). Lightning's
/// `_ExperimentWriter` keeps the keys sorted, leaves a key a row does not log empty, and
/// writes through `csv.DictWriter` (CRLF line ends, floats as `repr`, `nan` for NaN).
struct LightningMetricsExporter: Exporter {
  /// The optimizer's class name, which the monitor puts in its keys.
  var optimizerName: String

  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8] {
    let groups = record.exportedGroupLearningRates
    let groupKeys =
      groups.count == 1
      ? ["lr-\(optimizerName)"] : groups.indices.map { "lr-\(optimizerName)/pg\($0 + 1)" }
    // Python's `sorted` compares code points, which UTF-8 byte order preserves.
    let keys = (groupKeys + ["epoch", "step", "train_loss"]).sorted {
      $0.utf8.lexicographicallyPrecedes($1.utf8)
    }
    var output: [UInt8] = []
    let lineEnd = CSVFieldWriter.LineEnd.carriageReturnLineFeed
    CSVFieldWriter.appendRow(keys, lineEnd: lineEnd, to: &output)
    for (step, loss) in record.recordedLosses.enumerated() {
      var rates: [String: String] = ["step": "\(step)"]
      for (key, group) in zip(groupKeys, groups) {
        rates[key] = PythonFloatFormat.repr(group[step])
      }
      let lossRow = ["epoch": "0", "step": "\(step)", "train_loss": PythonFloatFormat.repr(loss)]
      for row in [rates, lossRow] {
        CSVFieldWriter.appendRow(keys.map { row[$0] ?? "" }, lineEnd: lineEnd, to: &output)
      }
    }
    return output
  }
}
