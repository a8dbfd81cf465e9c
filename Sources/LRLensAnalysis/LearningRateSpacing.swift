internal import LRLensCore

/// How the learning rates of a range test are spaced: the schedule the finder used.
public enum LearningRateSpacing: Sendable, Equatable, CustomStringConvertible {
  /// Each learning rate is the previous one times `ratio` (every framework's default).
  case exponential(ratio: Double)
  /// Each learning rate is the previous one plus `step` (torch-lr-finder, ignite, Lightning
  /// `mode="linear"`).
  case linear(step: Double)
  /// Increasing, but neither exponential nor linear (for example rounded values in a log).
  case irregular
  /// Not increasing: at `point` (0-based) the learning rate is not above the one before.
  case unsorted(point: Int)

  /// A short description such as `exponential ×1.202 per step (12.5 steps per decade)`.
  public var description: String {
    switch self {
    case .exponential(let ratio):
      let perDecade = 1 / LibM.log10(ratio)
      return
        "exponential ×\(Self.rounded(ratio)) per step (\(Self.rounded(perDecade)) steps per decade)"
    case .linear(let step): return "linear +\(step) per step"
    case .irregular: return "irregular (increasing, neither exponential nor linear)"
    case .unsorted(let point): return "not increasing (point \(point) is not above the one before)"
    }
  }

  /// Classifies learning rates.
  ///
  /// Successive ratios (or differences) that agree within a relative 1e-3 of their median
  /// classify the spacing; float32 rounding of recorded learning rates stays far below that.
  /// A first ratio that is the square of the others (Lightning's schedule) still counts as
  /// exponential.
  ///
  /// Fewer than 2 learning rates give `nil`.
  ///
  /// - Parameter learningRates: The learning rates in recording order.
  /// - Complexity: O(n log n).
  public init?(_ learningRates: [Double]) {
    guard learningRates.count >= 2 else { return nil }
    if let row = learningRates.indices.dropFirst().first(where: {
      !(learningRates[$0] > learningRates[$0 - 1])
    }) {
      self = .unsorted(point: row)
      return
    }
    let pairs = zip(learningRates.dropFirst(), learningRates)
    let ratios = pairs.map { $0 / $1 }
    let steps = pairs.map { $0 - $1 }
    if let ratio = Self.commonValue(ratios) {
      self = .exponential(ratio: ratio)
    } else if ratios.count >= 3, let ratio = Self.commonValue(Array(ratios.dropFirst())),
      abs(ratios[0] - ratio * ratio) <= 1e-3 * ratio * ratio
    {
      // Lightning's schedule skips exponent 1/N: its first step is the square of the others.
      self = .exponential(ratio: ratio)
    } else if let step = Self.commonValue(steps) {
      self = .linear(step: step)
    } else {
      self = .irregular
    }
  }

  /// The median of `values` if every value is within a relative 1e-3 of it.
  private static func commonValue(_ values: [Double]) -> Double? {
    let sorted = values.sorted()
    let median = sorted[sorted.count / 2]
    guard median.isFinite, median != 0 else { return nil }
    let tolerance = 1e-3 * abs(median)
    return values.allSatisfy { abs($0 - median) <= tolerance } ? median : nil
  }

  /// A number to 4 significant digits, without a trailing `.0`.
  private static func rounded(_ value: Double) -> String {
    guard value.isFinite, value != 0 else { return "\(value)" }
    let scale = LibM.power10(3 - LibM.log10(abs(value)).rounded(.down))
    let result = (value * scale).rounded() / scale
    if result == result.rounded(), let integer = Int(exactly: result) { return "\(integer)" }
    return "\(result)"
  }

}
