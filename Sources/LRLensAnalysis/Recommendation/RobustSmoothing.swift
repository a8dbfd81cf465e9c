/// The robust smoothing and shape primitives of the recommendation: running medians, local
/// noise, local linear regression against log LR, drawdowns and the zigzag.
///
/// Every function expects finite values (the recommender drops NaN and ±∞ first) and never
/// traps on short inputs: empty or 1-element arrays give empty or trivial results.
enum RobustSmoothing {
  /// The consistency factor that turns a median absolute deviation into a normal σ.
  static let madToSigma = 1.4826

  /// The median of some values: the middle one, or the mean of the two middle ones.
  ///
  /// - Parameter values: Finite values.
  /// - Returns: The median, or 0 when empty.
  /// - Complexity: O(k log k).
  static func median<C: Collection<Double>>(_ values: C) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  /// The window of `size` consecutive indices centred on `index`, shifted inward at the ends
  /// so that it keeps its size (an edge spike is outvoted like any other).
  ///
  /// - Parameters:
  ///   - index: The centre.
  ///   - size: The window size; clamped to `1...count`.
  ///   - count: The number of elements.
  /// - Returns: The index range.
  static func inwardWindow(around index: Int, size: Int, count: Int) -> Range<Int> {
    let width = min(max(size, 1), count)
    let start = min(max(index - width / 2, 0), count - width)
    return start..<(start + width)
  }

  /// A running median with a per-point window, shifted inward at the ends.
  ///
  /// `m[i] = median(y[w(i)])` with `w(i)` the ``inwardWindow(around:size:count:)`` of
  /// `sizes[i]` points. Odd sizes make `m[i]` one of the inputs, so the result moves exactly
  /// with a loss offset or scale.
  ///
  /// - Parameters:
  ///   - values: Finite values.
  ///   - sizes: The window size of each point (same length).
  /// - Returns: The medians, same length.
  /// - Complexity: O(n·k log k) for windows of k points.
  static func runningMedian(_ values: [Double], sizes: [Int]) -> [Double] {
    values.indices.map { index in
      median(values[inwardWindow(around: index, size: sizes[index], count: values.count)])
    }
  }

  /// The local noise σ of each point, from second differences.
  ///
  /// `Δ²y[j] = y[j+1] − 2y[j] + y[j−1]` removes a locally linear trend; for white noise its
  /// variance is 6σ², so `σ = 1.4826·median|Δ²y| / √6` over the `2h + 1` second differences
  /// around the point (shifted inward at the ends). Each σ is then replaced by the largest σ
  /// within `h` points, so that noise that grows along the curve (raw losses near divergence)
  /// widens the smoothing window before it is reached. Fewer than 3 values give zeros.
  ///
  /// - Parameters:
  ///   - values: Finite values.
  ///   - halfWidth: `h`, in points.
  /// - Returns: σ per point, same length.
  /// - Complexity: O(n·h log h).
  static func localNoise(_ values: [Double], halfWidth: Int) -> [Double] {
    let count = values.count
    guard count >= 3 else { return Array(repeating: 0, count: count) }
    let second = (1..<(count - 1)).map { index -> Double in
      let curvature: Double = values[index + 1] - 2 * values[index] + values[index - 1]
      return abs(curvature)
    }
    let size = 2 * halfWidth + 1
    let local = (0..<count).map { index in
      let window = inwardWindow(around: max(index - 1, 0), size: size, count: second.count)
      return madToSigma * median(second[window]) / 6.0.squareRoot()
    }
    return (0..<count).map { index in
      local[max(0, index - halfWidth)...min(count - 1, index + halfWidth)].max() ?? 0
    }
  }

  /// Local linear regression of `values` on `x` (log10 LR) with a tricube kernel: the smoothed
  /// value and its slope `d value / d log10(lr)` at each point.
  ///
  /// The window of point `i` is `sizes[i]` points centred on it, cut at the ends (a one-sided
  /// fit there, which keeps the ends unbiased). Weights are `(1 − u³)³` with `u` the distance
  /// in decades over the window's largest distance. Windows with fewer than 3 points (or no
  /// spread in `x`) keep the value, and take the slope from `np.gradient` of the result.
  ///
  /// - Parameters:
  ///   - x: Increasing coordinates (log10 LR).
  ///   - values: Finite values, same length.
  ///   - sizes: The window size of each point.
  /// - Returns: Smoothed values and slopes, same length.
  /// - Complexity: O(n·k).
  static func localLinear(
    x: [Double], values: [Double], sizes: [Int]
  ) -> (values: [Double], slopes: [Double]) {
    let count = values.count
    var smoothed = values
    var slopes = [Double](repeating: .nan, count: count)
    for index in 0..<count {
      let half = max(sizes[index], 1) / 2
      let lower = max(0, index - half)
      let upper = min(count, index + half + 1)
      guard upper - lower >= 3 else { continue }
      let reach = max(x[index] - x[lower], x[upper - 1] - x[index]) * 1.0001
      guard reach > 0 else { continue }
      var weightSum = 0.0
      var meanX = 0.0
      var meanY = 0.0
      var weights: [Double] = []
      weights.reserveCapacity(upper - lower)
      for other in lower..<upper {
        let distance = abs(x[other] - x[index]) / reach
        let cube = 1 - distance * distance * distance
        let weight = cube * cube * cube
        weights.append(weight)
        weightSum += weight
        meanX += weight * x[other]
        meanY += weight * values[other]
      }
      meanX /= weightSum
      meanY /= weightSum
      var covariance = 0.0
      var variance = 0.0
      for (offset, other) in (lower..<upper).enumerated() {
        let dx = x[other] - meanX
        covariance += weights[offset] * dx * (values[other] - meanY)
        variance += weights[offset] * dx * dx
      }
      guard variance > 0 else { continue }
      let slope = covariance / variance
      slopes[index] = slope
      smoothed[index] = meanY + slope * (x[index] - meanX)
    }
    if slopes.contains(where: \.isNaN) {
      let gradient =
        NumPyCompat.gradient(smoothed, coordinates: x)
        ?? Array(repeating: 0, count: count)
      for index in 0..<count where slopes[index].isNaN {
        slopes[index] = gradient[index].isFinite ? gradient[index] : 0
      }
    }
    return (smoothed, slopes)
  }

  /// The largest fall from a running maximum: `max over i of (max(s[j], j ≤ i) − s[i])`.
  ///
  /// - Parameters:
  ///   - values: Finite values.
  ///   - range: The indices to look at.
  /// - Returns: The depth and the indices of its peak and trough; depth 0 when nothing falls.
  /// - Complexity: O(n).
  static func maximumDrawdown(
    _ values: [Double], in range: Range<Int>
  ) -> (depth: Double, peak: Int, trough: Int) {
    var best = (depth: 0.0, peak: range.lowerBound, trough: range.lowerBound)
    var peak = range.lowerBound
    for index in range {
      if values[index] > values[peak] { peak = index }
      let fall = values[peak] - values[index]
      if fall > best.depth { best = (fall, peak, index) }
    }
    return best
  }

  /// The turning points of a curve, ignoring reversals smaller than `threshold`.
  ///
  /// The classic zigzag: follow the current extreme; a move back by at least `threshold`
  /// confirms it as a peak (or trough) and starts the opposite leg. The first leg starts once
  /// the range seen reaches the threshold; the last extreme closes the list.
  ///
  /// - Parameters:
  ///   - values: Finite values.
  ///   - threshold: The smallest reversal that counts, > 0.
  /// - Returns: Alternating turning points in order.
  /// - Complexity: O(n).
  static func zigzag(_ values: [Double], threshold: Double) -> [(index: Int, isPeak: Bool)] {
    guard let first = values.indices.first else { return [] }
    var pivots: [(index: Int, isPeak: Bool)] = []
    var highest = first
    var lowest = first
    var trend = 0
    var current = first
    for index in values.indices.dropFirst() {
      switch trend {
      case 0:
        if values[index] > values[highest] { highest = index }
        if values[index] < values[lowest] { lowest = index }
        if values[highest] - values[lowest] >= threshold {
          if highest < lowest {
            pivots.append((highest, true))
            trend = -1
            current = lowest
          } else {
            pivots.append((lowest, false))
            trend = 1
            current = highest
          }
        }
      case -1:
        if values[index] < values[current] {
          current = index
        } else if values[index] - values[current] >= threshold {
          pivots.append((current, false))
          trend = 1
          current = index
        }
      default:
        if values[index] > values[current] {
          current = index
        } else if values[current] - values[index] >= threshold {
          pivots.append((current, true))
          trend = -1
          current = index
        }
      }
    }
    if trend != 0 { pivots.append((current, trend == 1)) }
    return pivots
  }
}
