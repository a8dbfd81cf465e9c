/// fastai's `valley`: the point roughly half-way along the longest valley of the curve.
///
/// The valley is the longest strictly decreasing subsequence of the losses (not necessarily
/// contiguous). With `start = end − length` (one position before its first point when the
/// valley is contiguous) and `sections = (end − start) / 3`, the pick is
/// `start + ⌊sections⌋ + ⌊sections / 2⌋` — about half-way, although fastai's docs say 2/3.
///
/// Expects the trimmed, already smoothed curve fastai's `lr_find` passes (skip `num_it//10`
/// at the start and 5 at the end, cut at the first NaN). Quirks kept from fastai:
/// - equal losses do not extend a valley, and the earliest end reaching the longest length wins;
/// - NaN never extends or starts a valley (`x < NaN` is false);
/// - a strictly increasing or constant curve gives the first point;
/// - a 2-point valley starting at the first point gives start = −1 and pick −1, which Python
///   reads as the **last** point (`[5, 4]` → index 1).
///
/// Unavailable on an empty window (fastai raises `IndexError`).
///
/// - Complexity: O(n log n) by patience sorting, picking exactly the index of fastai's O(n²)
///   double loop (tested against a direct transcription).
public struct ValleySuggester: Suggester {
  /// Creates the rule.
  public init() {}

  /// The rule's documentation and examples.
  public static let description = SuggesterDescription(
    id: "valley", name: "Valley", origin: "fastai v2 `valley` (default of `lr_find`)",
    source: "fastai/fastai fastai/callback/schedule.py@0a049e8a90b86d70860f68072698245a1ee787ca",
    summary: """
      Picks the point about half-way along the longest strictly decreasing run of losses \
      (a non-contiguous longest decreasing subsequence). Robust to a noisy start; needs 1 point.
      """,
    examples: [
      .init(losses: [5, 4], expectedIndex: 1, origin: "docs/RULES.md §1.5 (start −1 quirk)"),
      .init(losses: [5, 4, 3], expectedIndex: 0, origin: "docs/RULES.md §1.5"),
      .init(losses: [5, 4, 6, 3, 2, 7, 8], expectedIndex: 1, origin: "docs/RULES.md §1.5"),
      .init(losses: [1, 2, 3, 2, 1, 0, -1, -2, 5], expectedIndex: 4, origin: "docs/RULES.md §1.5"),
      .init(losses: [1, 2, 3, 4], expectedIndex: 0, origin: "docs/RULES.md §1.5 (increasing)"),
      .init(losses: [7], expectedIndex: 0, origin: "docs/RULES.md §1.5 (one point)"),
      .init(losses: [], expectedIndex: nil, origin: "docs/RULES.md §1.5 (IndexError)"),
    ])

  /// Suggests the valley point of the window.
  ///
  /// - Parameter curve: The prepared curve.
  /// - Returns: The valley point, or unavailable for an empty window.
  public func suggest(on curve: PreparedCurve) -> Suggestion {
    let losses = curve.windowLosses
    guard !losses.isEmpty else {
      return .unavailable(reason: "no points left after trimming (fastai raises IndexError)")
    }
    // Matches fastai fastai/callback/schedule.py@0a049e8: `lrs[idx]` with idx == -1 reads the
    // last element (Python negative indexing).
    guard
      let position = NumPyCompat.pythonIndex(Self.valleyPosition(losses), count: losses.count)
    else {
      return .unavailable(reason: "the valley index falls outside the curve (IndexError)")
    }
    return curve.suggestion(atWindowPosition: position)
  }

  /// fastai's valley index, which may be −1 (Python's "last element").
  ///
  /// - Parameter losses: At least one loss.
  /// - Returns: `start + ⌊sections⌋ + ⌊sections/2⌋` as fastai computes it.
  /// - Complexity: O(n log n).
  package static func valleyPosition(_ losses: [Double]) -> Int {
    let (start, end) = longestDecreasingRun(losses)
    let sections = Double(end - start) / 3
    // Python's int() truncates toward zero; the operands are non-negative.
    return start + Int(sections) + Int(sections / 2)
  }

  /// fastai's `(max_start, max_end)`: `max_end` is the first index whose longest strictly
  /// decreasing subsequence ending there is longest overall, `max_start = max_end − length`;
  /// both stay 0 when no point extends a decreasing run.
  ///
  /// Patience sorting on the negated losses: `tails[k]` holds the largest possible last loss
  /// of a strictly decreasing subsequence of length `k + 1` seen so far; a loss's length is one
  /// more than the number of tails strictly greater than it.
  private static func longestDecreasingRun(_ losses: [Double]) -> (start: Int, end: Int) {
    var tails: [Double] = []  // strictly decreasing
    var bestLength = 1
    var bestEnd = 0
    var bestStart = 0
    for (index, loss) in losses.enumerated() {
      // A NaN loss has length 1 and can extend nothing (all comparisons are false).
      guard !loss.isNaN else { continue }
      // First position whose tail is <= loss: every tail before it is > loss.
      var lower = 0
      var upper = tails.count
      while lower < upper {
        let middle = (lower + upper) / 2
        if tails[middle] > loss { lower = middle + 1 } else { upper = middle }
      }
      if lower == tails.count { tails.append(loss) } else { tails[lower] = loss }
      let length = lower + 1
      if length > bestLength {
        bestLength = length
        bestEnd = index
        bestStart = index - length
      }
    }
    return (bestStart, bestEnd)
  }
}
