/// A learning-rate suggestion rule: one framework's rule, or one of lrlens's own.
///
/// A suggester never traps: on 0–2 points, NaN, ±∞, plateaus or any curve its framework would
/// fail on, it returns ``Suggestion/unavailable(reason:)`` with the framework's failure in words.
public protocol Suggester: Sendable {
  /// What the rule is, where it comes from, and its worked examples.
  static var description: SuggesterDescription { get }

  /// Suggests a learning rate.
  ///
  /// - Parameter curve: The smoothed curve and the window of points the rules look at.
  /// - Returns: The suggestion or why there is none.
  func suggest(on curve: PreparedCurve) -> Suggestion
}

/// The documentation of a suggestion rule: it feeds `lrlens rules`, the README and the man page.
public struct SuggesterDescription: Sendable {
  /// The stable id: a JSON key and a `--rules` value (`valley`, `min_grad`, ...).
  public var id: String
  /// A human name.
  public var name: String
  /// The framework (and function) it reproduces, or "lrlens" for lrlens's own.
  public var origin: String
  /// The public source it follows: repository, path and commit.
  public var source: String
  /// One paragraph: what it picks, what it expects, where it fails.
  public var summary: String
  /// Worked examples, each with the index it must pick in the window (or `nil` if unavailable).
  public var examples: [SuggesterExample]

  /// Creates a description.
  ///
  /// - Parameters:
  ///   - id: The stable id.
  ///   - name: A human name.
  ///   - origin: The framework it reproduces.
  ///   - source: The public source it follows.
  ///   - summary: What it picks and where it fails.
  ///   - examples: Worked examples.
  public init(
    id: String, name: String, origin: String, source: String, summary: String,
    examples: [SuggesterExample]
  ) {
    self.id = id
    self.name = name
    self.origin = origin
    self.source = source
    self.summary = summary
    self.examples = examples
  }
}

/// A worked example of a rule: a window of losses (and learning rates) and the expected pick.
public struct SuggesterExample: Sendable, CustomStringConvertible {
  /// The losses of the window.
  public var losses: [Double]
  /// The learning rates; `nil` means `1, 2, 3, ...` (index + 1).
  public var learningRates: [Double]?
  /// The window index the rule must pick, or `nil` if it must be unavailable.
  public var expectedIndex: Int?
  /// Where the example comes from (an upstream test, docs/RULES.md, or derived).
  public var origin: String

  /// Creates an example.
  ///
  /// - Parameters:
  ///   - losses: The losses.
  ///   - learningRates: The learning rates, or `nil` for `1, 2, 3, ...`.
  ///   - expectedIndex: The expected window index, or `nil` if unavailable.
  ///   - origin: Where the example comes from.
  public init(
    losses: [Double], learningRates: [Double]? = nil, expectedIndex: Int?, origin: String
  ) {
    self.losses = losses
    self.learningRates = learningRates
    self.expectedIndex = expectedIndex
    self.origin = origin
  }

  /// The example as a prepared curve with no trimming.
  public var curve: PreparedCurve {
    let rates = learningRates ?? losses.indices.map { Double($0 + 1) }
    return PreparedCurve(learningRates: rates, losses: losses, window: Array(losses.indices))
  }

  /// A short label for test output.
  public var description: String {
    "\(origin): \(losses.count) points → \(String(describing: expectedIndex))"
  }
}

/// A suggestion rule's answer.
public enum Suggestion: Sendable, Equatable {
  /// A learning rate.
  case suggested(SuggestedLearningRate)
  /// No learning rate, and why (the framework's failure, in words).
  case unavailable(reason: String)

  /// The suggested value, if any.
  public var value: SuggestedLearningRate? {
    if case .suggested(let value) = self { return value }
    return nil
  }
}

/// A suggested learning rate with the point it was read from.
public struct SuggestedLearningRate: Sendable, Equatable {
  /// The suggested learning rate (for `minimum`, the minimum's LR divided by 10).
  public var learningRate: Double
  /// The row of the curve the suggestion was read from (an index into the file's points).
  public var index: Int
  /// The loss at the marker the framework draws for it.
  public var loss: Double
  /// Other candidate learning rates, for rules that produce several (`minima`).
  public var candidates: [Double]?

  /// Creates a suggestion.
  ///
  /// - Parameters:
  ///   - learningRate: The suggested learning rate.
  ///   - index: The row it was read from.
  ///   - loss: The loss at its marker.
  ///   - candidates: Other candidates, if the rule produces several.
  public init(learningRate: Double, index: Int, loss: Double, candidates: [Double]? = nil) {
    self.learningRate = learningRate
    self.index = index
    self.loss = loss
    self.candidates = candidates
  }
}

/// A curve ready for the rules: the whole curve after smoothing, and the window of points
/// (after trimming and non-finite handling) most rules look at.
public struct PreparedCurve: Sendable, Equatable {
  /// The learning rate of every recorded point.
  public var learningRates: [Double]
  /// The loss of every recorded point, after smoothing.
  public var losses: [Double]
  /// Increasing indices of the points in the analysis window.
  public var window: [Int]

  /// Creates a prepared curve.
  ///
  /// - Parameters:
  ///   - learningRates: Every point's learning rate.
  ///   - losses: Every point's (smoothed) loss; same length.
  ///   - window: Increasing indices of the analysis window.
  public init(learningRates: [Double], losses: [Double], window: [Int]) {
    self.learningRates = learningRates
    self.losses = losses
    self.window = window
  }

  /// The learning rates of the window's points.
  public var windowLearningRates: [Double] { window.map { learningRates[$0] } }
  /// The losses of the window's points.
  public var windowLosses: [Double] { window.map { losses[$0] } }

  /// A suggestion read at a window position.
  ///
  /// - Parameters:
  ///   - position: The position in the window.
  ///   - learningRate: The suggested rate; defaults to the point's learning rate.
  ///   - loss: The marker's loss; defaults to the point's loss.
  /// - Returns: The suggestion, with the row index of that point.
  func suggestion(
    atWindowPosition position: Int, learningRate: Double? = nil, loss: Double? = nil
  ) -> Suggestion {
    let row = window[position]
    return .suggested(
      SuggestedLearningRate(
        learningRate: learningRate ?? learningRates[row], index: row, loss: loss ?? losses[row]))
  }
}
