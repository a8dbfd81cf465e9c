internal import LRLensCore

/// Writes the style's own JSON (``ExportFormat/json``), byte for byte as `json.dumps` (or
/// `json.dump`) writes the framework's object: separators `", "` and `": "`, no trailing line
/// end, floats as `repr`, NaN and infinities as `NaN`, `Infinity`, `-Infinity`.
///
/// - fastai: `{"lrs": [...], "losses": [...]}` from `learn.recorder.lrs` and the recorded
///   (smoothed) losses, converted to floats;
/// - torch-lr-finder (`lr_finder.history`), Lightning (`lr_finder.results`) and Ignite
///   (`get_results()`): `{"lr": [...], "loss": [...]}`; Ignite with several parameter groups
///   records every group's rate per point, `"lr": [[g0, g1], ...]`;
/// - Keras: `History.history` with Keras 3's key names and order, `{"loss": [...],
///   "learning_rate": [...]}`;
/// - MXNet: the Gluon tutorial's results, a list of `[lr, loss]` pairs.
struct JSONExporter: Exporter {
  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8] {
    let learningRates = Self.list(record.learningRates)
    let losses = Self.list(record.recordedLosses)
    let text: String
    switch record.style {
    case .fastai:
      text = "{\"lrs\": \(learningRates), \"losses\": \(losses)}"
    case .torchLRFinder, .lightning:
      text = "{\"lr\": \(learningRates), \"loss\": \(losses)}"
    case .ignite:
      var rates = learningRates
      let groups = record.exportedGroupLearningRates
      if groups.count > 1 {
        let points = record.recordedLosses.indices.map { index in
          Self.list(groups.map { $0[index] })
        }
        rates = "[" + points.joined(separator: ", ") + "]"
      }
      text = "{\"lr\": \(rates), \"loss\": \(losses)}"
    case .keras:
      text = "{\"loss\": \(losses), \"learning_rate\": \(learningRates)}"
    case .mxnet:
      let pairs = zip(record.learningRates, record.recordedLosses).map { Self.list([$0, $1]) }
      text = "[" + pairs.joined(separator: ", ") + "]"
    }
    return Array(text.utf8)
  }

  /// A list of floats as `json.dumps` writes it: `[1e-07, 0.30000000000000004, NaN]`.
  private static func list(_ values: [Double]) -> String {
    "[" + values.map(PythonFloatFormat.jsonToken).joined(separator: ", ") + "]"
  }
}
