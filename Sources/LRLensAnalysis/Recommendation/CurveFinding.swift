/// Something lrlens noticed about a curve that explains (or limits) its recommendation, with
/// the action to take.
public struct CurveFinding: Sendable, Equatable, CustomStringConvertible {
  /// What was noticed.
  ///
  /// The raw values are stable snake_case ids for JSON reports.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// Fewer finite points than lrlens needs to locate a descent.
    case tooFewPoints = "too_few_points"
    /// The loss never falls clearly more than its noise: start LR too high, or the model is
    /// already trained.
    case noDescent = "no_descent"
    /// The range test covers only a few decades and the loss never falls: the finder stopped
    /// before the descent (often its stop rule fired on one unusually low batch loss).
    case stoppedEarly = "stopped_early"
    /// The loss never rises after its minimum: the end LR is too low.
    case noDivergence = "no_divergence"
    /// The losses turn NaN or ±∞ at the end of the run.
    case nonFiniteTail = "non_finite_tail"
    /// Isolated NaN or ±∞ losses inside the curve were skipped.
    case nonFiniteLosses = "non_finite_losses"
    /// The loss is noisy compared with its descent (the measured noise level is given).
    case noisyCurve = "noisy_curve"
    /// The losses look like a running (cumulative) mean, as TF ≥ 2.2 Keras batch logs are.
    case runningMeanSuspected = "running_mean_suspected"
    /// The learning rates decrease somewhere: not a single range test.
    case learningRateNotMonotonic = "learning_rate_not_monotonic"
    /// The learning rates are not exponentially spaced (a linear or irregular grid).
    case learningRateNotExponential = "learning_rate_not_exponential"
    /// Some learning rates are ≤ 0, NaN or ±∞ and were skipped.
    case unusableLearningRates = "unusable_learning_rates"
    /// The loss is already falling at the first point: no plateau before the descent.
    case descentAtStart = "descent_at_start"
    /// A short steep fall at the first points (an early transient) was ignored.
    case earlyTransient = "early_transient"
    /// The loss falls twice with a plateau between (as after unfreezing).
    case multipleDescents = "multiple_descents"
    /// The framework's smoothing was undone (or raw losses used) to remove its lag.
    case smoothingUndone = "smoothing_undone"
  }

  /// What was noticed.
  public var kind: Kind
  /// One sentence: what, measured how, and the flag or action to take.
  public var message: String

  /// Creates a finding.
  ///
  /// - Parameters:
  ///   - kind: What was noticed.
  ///   - message: What, measured how, and the action to take.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// `kind: message`.
  public var description: String { "\(kind.rawValue): \(message)" }
}
