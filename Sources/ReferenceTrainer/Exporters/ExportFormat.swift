/// A file format the reference trainer writes a range test in, as a framework's users export it.
///
/// The raw values are the stable names `lrlens train --format` takes. Every format can hold
/// any ``FinderStyle``'s record; ``suitedStyles`` lists the styles whose users write it. The
/// formats `csv` and `json` follow the record's style (each framework keeps its results under
/// its own names), the others are one framework's logger or a generic container.
package enum ExportFormat: String, Sendable, Hashable, CaseIterable {
  /// The style's CSV export, with Python's float text: pandas' `DataFrame.to_csv` (`,lr,loss`
  /// with the index column, NaN as an empty cell; fastai with several parameter groups:
  /// `,lr_0,lr_1,loss`) for fastai, torch-lr-finder, Lightning and Ignite; keras_lr_finder's
  /// `batch,lr,loss` and the MXNet tutorial's `lr,loss` written by `csv.writer` (CRLF, `nan`).
  case csv
  /// The style's own JSON, as `json.dumps` writes it: fastai's `{"lrs", "losses"}`,
  /// torch-lr-finder's `history`, Lightning's `results`, Ignite's `get_results()`
  /// (`{"lr", "loss"}`, Ignite with several groups as lists per point), Keras'
  /// `History.history` (`{"loss", "learning_rate"}`) and the MXNet tutorial's `[lr, loss]`
  /// pairs; NaN and infinities as Python's `NaN`, `Infinity` and `-Infinity` tokens.
  case json
  /// Keras 3's `CSVLogger`: `epoch,learning_rate,loss,val_learning_rate,val_loss` with `NA`
  /// in the validation columns Keras adds when there is no validation data, CRLF line ends.
  case kerasCSVLogger = "keras-csv-logger"
  /// Lightning's `CSVLogger` `metrics.csv` with a `LearningRateMonitor`: per step one row of
  /// learning rates (`lr-SGD`, or `lr-SGD/pg1`, `lr-SGD/pg2`, …) and one of `train_loss` with
  /// its epoch, columns sorted, empty cells for keys a row does not log, CRLF line ends.
  case lightningMetrics = "lightning-metrics"
  /// MXNet Speedometer-style batch lines behind Python `logging` timestamps:
  /// `Epoch[0] Batch [i]\tSpeed: … samples/sec\tloss=%f\tlr=%f`, six decimals as MXNet
  /// prints them (so small learning rates lose digits, as in real logs); timestamps and speeds
  /// are fixed, so the output is reproducible.
  case speedometer
  /// h5py datasets at the root: float64 `lr` and `loss` (`lrs` and `losses` for Keras, as its
  /// finder names them).
  case hdf5
  /// pandas' `DataFrame.to_hdf(path, key='lr_find')` in the default fixed format: group
  /// `/lr_find` with `axis0`, `axis1`, `block0_items`, `block0_values` and PyTables' attributes.
  case pandasHDF5 = "pandas-hdf5"
  /// A TensorBoard event file: TFRecord-framed `Event`s, `file_version` first, one scalar per
  /// event with fixed wall times; `simple_value` floats under the tags PyTorch loggers use
  /// (fastai `train_loss`, `lr_0`…; Lightning `lr-SGD`, `train_loss`; others `lr`, `loss`),
  /// and float32 tensors `batch_loss`, `batch_learning_rate` for Keras, as TF2 writes them.
  case tensorboard

  /// The usual file name extension, without the dot.
  package var fileExtension: String {
    switch self {
    case .csv, .kerasCSVLogger, .lightningMetrics: "csv"
    case .json: "json"
    case .speedometer: "log"
    case .hdf5, .pandasHDF5: "h5"
    case .tensorboard: "tfevents"
    }
  }

  /// A one-line description for help texts.
  package var summary: String {
    switch self {
    case .csv: "the style's CSV export (pandas to_csv, keras_lr_finder or MXNet tutorial)"
    case .json: "the style's JSON export (recorder, history, results or [lr, loss] pairs)"
    case .kerasCSVLogger: "Keras 3 CSVLogger file (epoch, learning_rate, loss, NA columns)"
    case .lightningMetrics: "Lightning CSVLogger metrics.csv with LearningRateMonitor columns"
    case .speedometer: "MXNet Speedometer-style log lines with loss= and lr= (%f)"
    case .hdf5: "h5py datasets lr and loss (lrs and losses for Keras)"
    case .pandasHDF5: "pandas to_hdf frame /lr_find (fixed format)"
    case .tensorboard: "TensorBoard event file with the framework's scalar tags"
    }
  }

  /// The styles whose users write this format; the generic ones suit every style.
  package var suitedStyles: [FinderStyle] {
    switch self {
    case .csv, .json, .hdf5, .pandasHDF5, .tensorboard: FinderStyle.allCases
    case .kerasCSVLogger: [.keras]
    case .lightningMetrics: [.lightning]
    case .speedometer: [.mxnet]
    }
  }
}
