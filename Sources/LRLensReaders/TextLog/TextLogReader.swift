package import LRLensCore

/// Reads a learning-rate range test from a text log with one record per line.
///
/// Each line is searched for `key=value` and `key: value` pairs whose value is a number
/// (`lr=0.001`, `loss: 2.3026`, `'lr': 1e-05`, `loss=tensor(2.30)`, `nan`, `inf`), so any
/// prefix the logging module adds (`INFO:root:`, `2019-01-01 12:00:00,000 `, `Node[0]`) is
/// skipped. MXNet's batch-end lines are understood too:
/// - Speedometer: `Epoch[0] Batch [100-200]\tSpeed: 1234.56 samples/sec\taccuracy=0.5\t`
///   `cross-entropy=1.23`, with `Batch [200]`, `Batch [0-200]` and `Iter[0] Batch [200]`
///   variants and older metric names such as `Train-accuracy=`;
/// - learning-rate callbacks that print `Epoch[0] Batch [200]\tLearningRate: 0.001000` or
///   `lr=0.001000` on a line of their own.
///
/// The learning-rate key is, by priority, `lr`, `lrs`, `learning_rate`, `learning-rate`,
/// `LearningRate` (any letter case); then per-group keys (`lr_0`, `lr_1`, `lr-Adam`,
/// `lr-Adam/pg1`, `learning_rate_...`), of which the last is analysed and all are reported as
/// parameter groups; then any other key containing `lr` or `learning_rate`. The loss key is
/// `loss`, `smooth_loss`, `cross-entropy`, `ce`, `nll`, `nll-loss` and similar, with or without
/// a `train-`, `train_` or `train/` prefix, by that priority, then any other key containing
/// `loss`, `entropy` or `nll`. Keys of validation or test metrics (`val_loss`, `valid_loss`,
/// `Validation-cross-entropy`, `test/loss`) never qualify. `--lr-column` and `--loss-column`
/// name keys instead.
///
/// A line carrying both keys is a point. A line carrying only one of them is joined with the
/// next line that carries the other when both are at the same batch (`Epoch[e] Batch [b]`, or
/// the same `step`, `global_step`, `iteration` or `iter` value), as MXNet's learning-rate
/// callbacks print beside the Speedometer. Every other line is skipped, and a note counts them.
///
/// Learning rates printed with too few digits are flagged: a warning names the first line
/// whose learning rate has fewer than 3 significant digits at the finest decimal place the log
/// prints (`lr=0.000001` from `%f`) or repeats the previous learning rate although the loss
/// changed. A learning rate printed as 0 (`lr=0.000000`) cannot be placed on a log axis: such
/// points are dropped with a warning naming their lines.
///
/// The provenance records each point's line; a log of MXNet batch lines is attributed to
/// MXNet. The inventory lists every key seen with the number of lines carrying it.
package struct TextLogReader: LogReader {
  /// The format this reader reads: `.text`.
  package static let format = LogFormat.text

  /// Creates a text-log reader.
  package init() {}

  /// Whether an input looks like a text log this reader can read, judged from its start.
  ///
  /// The first 64 KiB are examined. A line is a log record when it holds an MXNet batch
  /// pattern (`Epoch[0] Batch [100]`, `Iter[0] Batch [100]`) or a numeric pair with a
  /// learning-rate-like or loss-like key. The input is recognised when, from its first record
  /// on, at least 2 of the next 50 non-blank lines and at least half of them are records, and
  /// it has a learning-rate-like key, a loss-like key or MXNet batch lines. Input that starts
  /// like JSON (`{"`, `[[`, `[{`, `[1.5,`) is never recognised, and delimited files are not,
  /// since their rows hold no `key=value` pairs.
  ///
  /// - Parameter input: The input.
  /// - Returns: `true` when the input should be read as a text log.
  /// - Complexity: O(1): at most 64 KiB are scanned.
  package static func recognizes(_ input: LogInput) -> Bool {
    let limit = 64 * 1024
    let bytes = Array(input.bytes.prefix(limit))
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    if LineScanner.startsLikeJSON(bytes, from: start) { return false }
    var window = 0
    var records = 0
    var hasLearningRate = false
    var hasLoss = false
    var hasBatchLines = false
    LineScanner.forEachLine(in: bytes, from: start) { _, lower, upper in
      // A line cut by the limit is not judged.
      if upper == bytes.count && bytes.count == limit { return false }
      let scan = LineScanner.scan(bytes, lower..<upper)
      var isRecord = scan.batch != nil
      hasBatchLines = hasBatchLines || scan.batch != nil
      for pair in scan.pairs {
        let key = String(decoding: bytes[pair.keyStart..<pair.keyEnd], as: UTF8.self)
        if SeriesNameClassifier.learningRateRank(key) != nil {
          hasLearningRate = true
          isRecord = true
        } else if SeriesNameClassifier.lossRank(key) != nil {
          hasLoss = true
          isRecord = true
        }
      }
      if isRecord { records += 1 }
      if records > 0 { window += 1 }
      return window < 50
    }
    return records >= 2 && 2 * records >= window && (hasLearningRate || hasLoss || hasBatchLines)
  }

  /// Reads a whole text log.
  ///
  /// - Parameters:
  ///   - input: The input's bytes and path.
  ///   - options: The user's `--lr-column` and `--loss-column` (key names).
  /// - Returns: The curve, notes about skipped and joined lines, and warnings about learning
  ///   rates printed with too few digits.
  /// - Throws: `LRLensError` of kind `.badData` when the log is empty, holds no numeric pairs,
  ///   no learning-rate or loss key, no line (or pair of lines) with both, fewer than 3 points
  ///   once learning rates printed as 0 are dropped, a learning rate below 0, or no finite
  ///   loss; of kind `.usage` when both options name the same key.
  /// - Complexity: O(n) in the size of the input.
  package func read(_ input: LogInput, options: ReadOptions) throws(LRLensError) -> ReadResult {
    let path = input.path
    let bytes = input.bytes
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    let log = ScannedLog(bytes, from: start)
    guard log.nonBlankLineCount > 0 else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "the file is empty: expected log lines with a learning rate and a loss, such "
          + "as 'lr=0.001 loss=2.3'",
        fix: "check the path, or log the range test again")
    }
    guard !log.names.isEmpty else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "expected 'key=value' or 'key: value' pairs with numbers, found none in "
          + "\(log.nonBlankLineCount) lines",
        fix: "check that this is a training log, or read it as another format with --format")
    }
    let choice = try KeyChooser.choose(
      from: log.names, lineCounts: log.lineCounts, options: options, path: path)
    let collector = PointCollector(log: log, bytes: bytes, choice: choice, path: path)
    return try collector.read()
  }
}
