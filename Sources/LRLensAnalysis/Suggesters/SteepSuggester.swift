internal import LRLensCore

/// fastai's `steep`: the left end of the steepest descending segment against log LR.
///
/// `grads[k] = (loss[k+1] − loss[k]) / (ln lr[k+1] − ln lr[k])` for each pair of neighbours;
/// the pick is `lrs[argmin(grads)]`, the segment's **left** end (first minimum; a NaN wins).
/// With an exponential schedule this is the steepest forward difference of the loss. Expects
/// fastai's trimmed, smoothed, NaN-cut curve. Unavailable below 2 points.
///
/// - Complexity: O(n).
public struct SteepSuggester: Suggester {
  /// Creates the rule.
  public init() {}

  /// The rule's documentation and examples.
  public static let description = SuggesterDescription(
    id: "steep", name: "Steepest slope (log LR)", origin: "fastai v2 `steep`",
    source: "fastai/fastai fastai/callback/schedule.py@0a049e8a90b86d70860f68072698245a1ee787ca",
    summary: """
      Picks the left end of the segment where the loss falls fastest per unit of log learning \
      rate (forward differences). Needs 2 points.
      """,
    examples: [
      .init(
        losses: [10, 8, 4, 1, 4, 16], learningRates: [1, 10, 100, 1e3, 1e4, 1e5],
        expectedIndex: 1, origin: "derived: largest drop 8→4 on a decade grid"),
      .init(
        losses: [4, 3, 1], learningRates: [1, 10, 11], expectedIndex: 1,
        origin: "derived: log spacing matters"),
      .init(losses: [1], expectedIndex: nil, origin: "derived: no segment"),
    ])

  /// Suggests the left end of the steepest segment.
  ///
  /// - Parameter curve: The prepared curve.
  /// - Returns: The suggestion, or unavailable below 2 points.
  public func suggest(on curve: PreparedCurve) -> Suggestion {
    let losses = curve.windowLosses
    let rates = curve.windowLearningRates
    let slopes = zip(losses.indices.dropFirst(), losses.indices).map { next, index in
      (losses[next] - losses[index])
        / (LibM.naturalLog(rates[next]) - LibM.naturalLog(rates[index]))
    }
    guard let position = NumPyCompat.argmin(slopes) else {
      return .unavailable(
        reason: "needs at least 2 points after trimming, found \(losses.count)")
    }
    return curve.suggestion(atWindowPosition: position)
  }
}
