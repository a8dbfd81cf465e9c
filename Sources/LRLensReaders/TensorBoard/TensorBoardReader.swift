package import LRLensCore

/// Reads a learning-rate range test, or any training run, from a TensorBoard event file.
///
/// The file is a sequence of TFRecords (``TFRecordScanner``, every checksum checked), each an
/// `Event` protocol buffer (``ProtobufReader``). From each event lrlens reads the `step` and
/// the scalar values of its `summary`: the `simple_value` floats that PyTorch's, tensorboardX's
/// and Lightning's `SummaryWriter.add_scalar` write, and the one-element `float32` or `float64`
/// tensors that TF2's `tf.summary.scalar` (and so Keras' `TensorBoard` callback) writes, read
/// from `tensor_content`, `float_val` or `double_val`. Other summaries (images, histograms,
/// text) are ignored. Each tag becomes a series of `(step, value)` pairs; when a tag has
/// several values at one step the last written is kept, as TensorBoard does.
///
/// The learning-rate and loss tags are `--lr-tag` and `--loss-tag` when given; otherwise:
/// - learning-rate tags have `lr` as a word part or contain `learning_rate` (`lr_0`, `lr-Adam`,
///   `lr-Adam/pg1`, `train/lr`, `epoch_learning_rate`), and none of the word parts `loss`,
///   `mom`, `momentum`, `wd`, `weight`, `decay`, `beta`, `beta1`, `beta2`, `val`, `valid`,
///   `validation` or `test` (parts are split at any character that is not a letter or digit,
///   so `lr-Adam-momentum` and `lr-SGD-weight_decay` are not learning rates). Per-group tags
///   form one family: fastai's `lr_0`, `lr_1`, … and Lightning's `lr-Adam`, `lr-Adam/pg1`, …;
///   the last group in file order is analysed and all are kept as parameter groups. Of several
///   families, the first in file order that suits the loss tag is read, with a note;
/// - loss tags contain `loss` and have no `val`, `valid`, `validation` or `test` part; by
///   priority `train_loss`, `loss`, `batch_loss`, `epoch_loss`, then the first other;
/// - a `batch_` tag is paired with a `batch_` tag and an `epoch_` tag with an `epoch_` tag
///   (Keras' callback logs both), so steps of one kind are never joined with the other.
///
/// The two series are joined on their steps, in step order; steps only one of them has are
/// dropped with a warning. The inventory lists every scalar tag with its count, stored type
/// (`simple_value float32`, `tensor float32`, `tensor float64`), role and non-finite count.
package struct TensorBoardReader: LogReader {
  /// The format this reader reads: `.tensorboard`.
  package static let format = LogFormat.tensorboard

  /// Creates a TensorBoard reader.
  package init() {}

  /// Whether an input looks like a TensorBoard event file: its first 12 bytes are a TFRecord
  /// header whose length checksum matches.
  ///
  /// - Parameter input: The input.
  /// - Returns: Whether the first record's framing checks out.
  /// - Complexity: O(1).
  package static func recognizes(_ input: LogInput) -> Bool {
    TFRecordScanner.hasRecordHeader(input.bytes)
  }

  /// Reads a whole event file.
  ///
  /// - Parameters:
  ///   - input: The input's bytes and path.
  ///   - options: The user's `--lr-tag` and `--loss-tag`.
  /// - Returns: The curve, notes about the input and the inventory of scalar tags.
  /// - Throws: `LRLensError` of kind `.badData` when the file is empty, not an event file,
  ///   truncated or corrupt, has no usable pair of tags, or a tag option names no scalar tag;
  ///   of kind `.usage` when both options name the same tag.
  /// - Complexity: O(n) in the size of the input, plus O(k log k) per tag of k values whose
  ///   steps are out of order.
  package func read(_ input: LogInput, options: ReadOptions) throws(LRLensError) -> ReadResult {
    let fileLocation = InputLocation(path: input.path)
    guard !input.bytes.isEmpty else {
      throw LRLensError(
        .badData, at: fileLocation,
        problem: "the file is empty: expected a TensorBoard event file",
        fix: "check the path (event files are named events.out.tfevents.*)")
    }
    var scan = try EventScan(input)
    scan.normalize()
    var diagnostics: [Diagnostic] = []
    if options.learningRateColumn != nil || options.lossColumn != nil {
      diagnostics.append(
        Diagnostic(
          .warning, at: fileLocation,
          "--lr-column and --loss-column are ignored for TensorBoard event files: use --lr-tag "
            + "and --loss-tag"))
    }
    let choice = try TagChooser(scan: scan, path: input.path).choose(options)
    diagnostics += choice.notes
    let curve = CurveBuilder(scan: scan, choice: choice, path: input.path)
    let parts = try curve.parts(diagnostics: &diagnostics)
    var result = try CurveAssembler.result(parts, diagnostics: diagnostics) { index in
      curve.pointLocation(index)
    }
    result.inventory = scan.inventory(choice)
    if let (framework, evidence) = choice.frameworkEvidence(scan) {
      result.curve.provenance.framework = framework
      result.curve.provenance.frameworkEvidence = evidence
    }
    return result
  }
}
