internal import LRLensCore

/// The "interval slide rule" both `slide` and `slide_rule` use: a window of fixed width slides
/// leftwards from the right end of a curve while the loss gradients at its two ends disagree.
enum IntervalSlide {
  /// The left end of the last window whose ends disagree.
  ///
  /// With `g = np.gradient(losses)`, the window `[right − width, right]` starts at the right
  /// end and moves one point left while `|g[right] − g[left]| > threshold` and `left ≥ 0`.
  /// A NaN gradient makes the comparison false and ends the slide.
  ///
  /// - Parameters:
  ///   - losses: At least `width + 1` losses.
  ///   - width: The window width in points, at least 1.
  ///   - threshold: The largest gradient difference at which the ends agree.
  /// - Returns: The left end of the last disagreeing window, or `nil` when the first window
  ///   already agrees (or the curve is shorter than `width + 1`).
  /// - Complexity: O(n).
  static func lastDisagreeingLeftEnd(losses: [Double], width: Int, threshold: Double) -> Int? {
    guard width >= 1, losses.count > width, let gradient = NumPyCompat.gradient(losses) else {
      return nil
    }
    var right = losses.count - 1
    var left = right - width
    var pick: Int?
    while left >= 0 && abs(gradient[right] - gradient[left]) > threshold {
      pick = left
      right -= 1
      left -= 1
    }
    return pick
  }

  /// The loss drawn at a learning rate on the plot: `np.interp(log10(lr), log10(lrs), losses)`.
  ///
  /// - Parameters:
  ///   - learningRate: The suggested learning rate.
  ///   - learningRates: The curve's learning rates, increasing.
  ///   - losses: The curve's losses.
  /// - Returns: The interpolated loss, or `nil` for an empty curve.
  static func markerLoss(at learningRate: Double, learningRates: [Double], losses: [Double])
    -> Double?
  {
    NumPyCompat.interp(LibM.log10(learningRate), learningRates.map(LibM.log10), losses)
  }
}
