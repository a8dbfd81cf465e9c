/// Which points the rules look at.
///
/// Trimming skips points at the start and the end, and decides what happens to non-finite
/// losses. Every framework trims differently (docs/RULES.md §11); a preset states its framework's
/// exact behaviour here.
public struct Trimming: Sendable, Hashable {
  /// How a `skipEnd` of 0 is read.
  public enum EndSemantics: String, Sendable, Hashable {
    /// Python's `a[s:-e]`: with `e == 0` the slice is **empty** (fastai v2, Lightning,
    /// keras_lr_finder).
    case pythonSlice
    /// `a[s:]` when `e == 0`, `a[s:-e]` otherwise (fastai v1, torch-lr-finder, lrlens).
    case zeroKeepsAll
  }

  /// What happens to non-finite losses inside the trimmed window.
  public enum NonFiniteHandling: String, Sendable, Hashable {
    /// Keep them: each rule meets them as its framework would (NaN wins `argmin`).
    case keep
    /// Cut the window at the first NaN (fastai v2, PR #3477; ±∞ is kept).
    case truncateAtFirstNaN
    /// Cut the window at the first NaN or ±∞ (lrlens's default).
    case truncateAtFirstNonFinite
    /// Drop every NaN and ±∞, keeping the rest (Lightning's `isfinite` filter).
    case dropNonFinite
  }

  /// Points skipped at the start.
  public var skipStart: Int
  /// Points skipped at the end.
  public var skipEnd: Int
  /// How a `skipEnd` of 0 is read.
  public var endSemantics: EndSemantics
  /// What happens to non-finite losses.
  public var nonFinite: NonFiniteHandling

  /// Creates a trimming.
  ///
  /// - Parameters:
  ///   - skipStart: Points skipped at the start (negative values count as 0).
  ///   - skipEnd: Points skipped at the end (negative values count as 0).
  ///   - endSemantics: How a `skipEnd` of 0 is read.
  ///   - nonFinite: What happens to non-finite losses.
  public init(
    skipStart: Int, skipEnd: Int, endSemantics: EndSemantics = .zeroKeepsAll,
    nonFinite: NonFiniteHandling = .truncateAtFirstNonFinite
  ) {
    self.skipStart = max(skipStart, 0)
    self.skipEnd = max(skipEnd, 0)
    self.endSemantics = endSemantics
    self.nonFinite = nonFinite
  }

  /// No trimming at all, non-finite values kept (ignite's `lr_suggestion`).
  public static let none = Trimming(
    skipStart: 0, skipEnd: 0, endSemantics: .zeroKeepsAll, nonFinite: .keep)

  /// The indices of the points the rules look at, in order.
  ///
  /// - Parameter losses: The (smoothed) losses of the whole curve.
  /// - Returns: Increasing indices into `losses`; possibly empty.
  /// - Complexity: O(n).
  public func window(over losses: [Double]) -> [Int] {
    let count = losses.count
    let range: Range<Int> =
      switch endSemantics {
      case .pythonSlice:
        NumPyCompat.sliceWithNegativeEnd(count: count, start: skipStart, end: skipEnd)
      case .zeroKeepsAll:
        skipEnd == 0
          ? min(skipStart, count)..<count
          : NumPyCompat.sliceWithNegativeEnd(count: count, start: skipStart, end: skipEnd)
      }
    switch nonFinite {
    case .keep:
      return Array(range)
    case .truncateAtFirstNaN:
      return Array(range.prefix { !losses[$0].isNaN })
    case .truncateAtFirstNonFinite:
      return Array(range.prefix { losses[$0].isFinite })
    case .dropNonFinite:
      return range.filter { losses[$0].isFinite }
    }
  }
}
