/// The main descent of a curve, located on a smoothed copy whose window follows the noise.
///
/// Works on finite losses `y` against `x = log10(lr)` (increasing). All loss thresholds are
/// fractions of a measured fall or multiples of the measured noise, so the result does not
/// depend on the loss's scale or offset.
struct DescentAnalysis {
  /// The smoothed losses.
  var smoothed: [Double]
  /// The slope of the smoothed losses against log10 LR.
  var slopes: [Double]
  /// The smoothing window of each point, in points.
  var windowSizes: [Int]
  /// The top of the descent (a smoothed peak or the end of a plateau).
  var peak: Int
  /// The bottom of the descent.
  var trough: Int
  /// Where the smoothed loss has fallen `fallStartFraction` of the depth.
  var start: Int
  /// Where the smoothed slope is most negative within the descent.
  var steepest: Int
  /// The log10 LR where the smoothed loss has fallen `fallFraction` of the depth.
  var crossing: Double
  /// `smoothed[peak] − smoothed[trough]`.
  var depth: Double
  /// The median raw noise σ over the descent.
  var rawNoise: Double
  /// The median smoothed noise `σ/√k` over the descent.
  var smoothedNoise: Double
  /// The second-largest fall as a share of the largest (0 when there is one).
  var secondShare: Double
  /// The second-largest fall's peak and trough, if any.
  var secondDescent: (peak: Int, trough: Int)?
  /// The number of points at the start treated as the early zone.
  var earlyZone: Int
  /// The end of an early transient that was ignored, if one was.
  var transientEnd: Int?

  /// The early zone: the first `earlyZoneFraction` of the points, at most those in the first
  /// `earlyZoneSpanFraction` of the decades, at least 2 (0 below 5 points).
  ///
  /// - Parameters:
  ///   - x: Increasing log10 learning rates.
  ///   - tuning: The constants.
  /// - Returns: The number of early points.
  static func earlyZone(_ x: [Double], tuning: RecommenderTuning) -> Int {
    guard x.count >= 5, let first = x.first, let last = x.last else { return 0 }
    let byShare = Int(exactly: (tuning.earlyZoneFraction * Double(x.count)).rounded(.down)) ?? 0
    let limit = first + tuning.earlyZoneSpanFraction * (last - first)
    let bySpan = x.firstIndex { $0 >= limit } ?? x.count
    return max(2, min(byShare, bySpan))
  }

  /// Where to stop analysing: where the loss has clearly diverged.
  ///
  /// After the global minimum of a 5-point running median (beyond the early zone), the first
  /// point that rises above it by `divergenceCutRise` of the fall before it. Everything from
  /// there on is divergence, whose swings must not count as descents.
  ///
  /// - Parameters:
  ///   - x: Increasing log10 learning rates.
  ///   - y: Finite losses.
  ///   - tuning: The constants.
  /// - Returns: The number of points to keep (the cut point included), or `y.count`.
  /// - Complexity: O(n).
  static func divergenceCut(x: [Double], y: [Double], tuning: RecommenderTuning) -> Int {
    let count = y.count
    let zone = earlyZone(x, tuning: tuning)
    guard count > zone + 2 else { return count }
    let pilot = RobustSmoothing.runningMedian(
      y, sizes: Array(repeating: tuning.pilotMedianPoints, count: count))
    var minimum = zone
    for index in zone..<count where pilot[index] < pilot[minimum] { minimum = index }
    let before = pilot[zone...minimum].max() ?? pilot[minimum]
    guard before > pilot[minimum] else { return count }
    let limit = pilot[minimum] + tuning.divergenceCutRise * (before - pilot[minimum])
    guard let over = (minimum..<count).first(where: { pilot[$0] > limit }) else { return count }
    return over + 1
  }

  /// Locates the main descent.
  ///
  /// 1. A 5-point running median gives a pilot curve and its largest fall (depth D₀).
  /// 2. The local noise σᵢ (``RobustSmoothing/localNoise(_:halfWidth:)``) sets each point's
  ///    window `kᵢ = (σᵢ / (D₀ · targetSmoothedNoise))²` points (times `bandwidthScale²`),
  ///    capped by `maximumBandwidth` decades on both sides and by a quarter of the curve;
  ///    windows of ≤ 1.5 points mean no smoothing.
  /// 3. Running median, then local linear regression against log10 LR (values and slopes).
  /// 4. A zigzag ignoring reversals below `max(zigzagDepthFraction·D, zigzagNoiseMultiple·σ/√k)`
  ///    gives the falls; each fall is split at plateaus; falls that start in the early zone and
  ///    are 80% done within `transientFraction` of the points are early transients. The largest
  ///    remaining fall is the descent.
  /// 5. On it: the start (fallen `fallStartFraction`), the steepest slope, and the crossing of
  ///    `top − fallFraction·depth` by linear interpolation in log10 LR.
  ///
  /// - Parameters:
  ///   - x: Increasing log10 learning rates.
  ///   - y: Finite losses, same length.
  ///   - tuning: The constants.
  ///   - bandwidthScale: A factor on the smoothing window (1 normally; 0.5 and 2 for the
  ///     stability check).
  /// - Returns: The descent, or `nil` when nothing falls (constant, increasing, too short).
  /// - Complexity: O(n·k log k) for windows of k points.
  static func locate(
    x: [Double], y: [Double], tuning: RecommenderTuning, bandwidthScale: Double = 1
  ) -> DescentAnalysis? {
    let count = y.count
    guard count >= 3, x.count == count else { return nil }
    let zone = earlyZone(x, tuning: tuning)
    let pilot = RobustSmoothing.runningMedian(
      y, sizes: Array(repeating: tuning.pilotMedianPoints, count: count))
    let pilotDepth = RobustSmoothing.maximumDrawdown(pilot, in: zone..<count).depth
    guard pilotDepth > 0 else { return nil }
    let noise = RobustSmoothing.localNoise(y, halfWidth: tuning.noiseWindowPoints)
    let sizes = windowSizes(
      x: x, noise: noise, depth: pilotDepth, tuning: tuning, bandwidthScale: bandwidthScale)
    let medians = RobustSmoothing.runningMedian(y, sizes: sizes)
    let (smoothed, slopes) = RobustSmoothing.localLinear(x: x, values: medians, sizes: sizes)
    let largest = RobustSmoothing.maximumDrawdown(smoothed, in: zone..<count).depth
    guard largest > 0 else { return nil }
    let smoothedNoise = noise.indices.map { noise[$0] / Double(sizes[$0]).squareRoot() }
    let threshold = max(
      tuning.zigzagDepthFraction * largest,
      tuning.zigzagNoiseMultiple * RobustSmoothing.median(smoothedNoise))
    let pivots = RobustSmoothing.zigzag(smoothed, threshold: threshold)
    var falls: [(peak: Int, trough: Int)] = []
    for (position, pivot) in pivots.enumerated().dropLast() where pivot.isPeak {
      falls += splitAtPlateaus(
        x: x, smoothed: smoothed, peak: pivot.index, trough: pivots[position + 1].index,
        largest: largest, tuning: tuning)
    }
    let transientLength = max(
      3, Int(exactly: (tuning.transientFraction * Double(count)).rounded(.down)) ?? 3)
    var transientEnd: Int?
    let real = falls.filter { fall in
      guard fall.peak <= zone else { return true }
      let level = smoothed[fall.trough] + 0.2 * (smoothed[fall.peak] - smoothed[fall.trough])
      var index = fall.peak
      while index < fall.trough, smoothed[index] > level { index += 1 }
      guard index <= fall.peak + transientLength else { return true }
      transientEnd = max(transientEnd ?? 0, fall.trough)
      return false
    }
    let ranked = real.sorted {
      smoothed[$0.peak] - smoothed[$0.trough] > smoothed[$1.peak] - smoothed[$1.trough]
    }
    guard let main = ranked.first else { return nil }
    let top = smoothed[main.peak]
    let bottom = smoothed[main.trough]
    let depth = top - bottom
    guard depth > 0 else { return nil }
    var steepest = main.peak
    for index in main.peak...main.trough where slopes[index] < slopes[steepest] {
      steepest = index
    }
    var start = main.peak
    while start < main.trough, smoothed[start] > top - tuning.fallStartFraction * depth {
      start += 1
    }
    let crossing = Self.crossing(
      x: x, smoothed: smoothed, peak: main.peak, trough: main.trough,
      fraction: tuning.fallFraction)
    let second = ranked.dropFirst().first
    let span = main.peak...main.trough
    return DescentAnalysis(
      smoothed: smoothed, slopes: slopes, windowSizes: sizes, peak: main.peak,
      trough: main.trough, start: start, steepest: steepest, crossing: crossing, depth: depth,
      rawNoise: RobustSmoothing.median(noise[span]),
      smoothedNoise: RobustSmoothing.median(smoothedNoise[span]),
      secondShare: second.map { (smoothed[$0.peak] - smoothed[$0.trough]) / depth } ?? 0,
      secondDescent: second, earlyZone: zone, transientEnd: transientEnd)
  }

  /// Where a smoothed curve has fallen a fraction of the way from `peak` to the lowest point
  /// up to `trough`, in log10 LR, by linear interpolation between the points around it.
  ///
  /// - Parameters:
  ///   - x: Increasing log10 learning rates.
  ///   - smoothed: Smoothed losses, same length.
  ///   - peak: The top of the fall.
  ///   - trough: The end of the fall (`≥ peak`).
  ///   - fraction: The share of the fall, 0 to 1.
  /// - Returns: The log10 LR of the crossing.
  static func crossing(
    x: [Double], smoothed: [Double], peak: Int, trough: Int, fraction: Double
  ) -> Double {
    let bottom = smoothed[peak...trough].min() ?? smoothed[trough]
    let level = smoothed[peak] - fraction * (smoothed[peak] - bottom)
    var below = peak
    while below < trough, smoothed[below] > level { below += 1 }
    guard below > peak, smoothed[below - 1] != smoothed[below] else { return x[below] }
    let share = (smoothed[below - 1] - level) / (smoothed[below - 1] - smoothed[below])
    return x[below - 1] + (x[below] - x[below - 1]) * share
  }

  /// The smoothing window of each point, in points (odd, or 1 for no smoothing).
  private static func windowSizes(
    x: [Double], noise: [Double], depth: Double, tuning: RecommenderTuning,
    bandwidthScale: Double
  ) -> [Int] {
    let count = x.count
    let reach = tuning.maximumBandwidth * bandwidthScale
    let quarter = 2 * (count / 4) + 1
    var lower = 0
    var upper = 0
    return (0..<count).map { index in
      while x[lower] < x[index] - reach { lower += 1 }
      while upper + 1 < count, x[upper + 1] <= x[index] + reach { upper += 1 }
      let ratio = noise[index] / (depth * tuning.targetSmoothedNoise)
      let need = ratio * ratio * bandwidthScale * bandwidthScale
      guard need.isFinite, need > 1.5 else { return need.isFinite ? 1 : 3 }
      let symmetric = 2 * min(index - lower, upper - index) + 1
      let cap = Double(min(symmetric, quarter))
      var size = Int(exactly: min(need, cap).rounded(.up)) ?? 1
      if size % 2 == 0 { size += 1 }
      return max(3, size)
    }
  }

  /// Splits a fall at its plateaus.
  ///
  /// A plateau is a stretch of at least `plateauSpan` decades whose smoothed loss varies by at
  /// most `plateauTolerance` of the largest fall. Each non-flat part keeps its highest point
  /// before its lowest one.
  private static func splitAtPlateaus(
    x: [Double], smoothed: [Double], peak: Int, trough: Int, largest: Double,
    tuning: RecommenderTuning
  ) -> [(peak: Int, trough: Int)] {
    let tolerance = tuning.plateauTolerance * min(largest, smoothed[peak] - smoothed[trough])
    guard tolerance > 0, trough > peak else { return [(peak, trough)] }
    var flat = [Bool](repeating: false, count: trough - peak + 1)
    var end = peak
    for index in peak...trough {
      end = max(end, index)
      while end < trough, x[end] < x[index] + tuning.plateauSpan { end += 1 }
      guard x[end] - x[index] >= tuning.plateauSpan else { continue }
      let stretch = smoothed[index...end]
      if let high = stretch.max(), let low = stretch.min(), high - low <= tolerance {
        for flatIndex in index...end { flat[flatIndex - peak] = true }
      }
    }
    var parts: [(peak: Int, trough: Int)] = []
    var index = peak
    while index <= trough {
      if flat[index - peak] {
        index += 1
        continue
      }
      let first = index
      while index <= trough, !flat[index - peak] { index += 1 }
      let from = max(peak, first - 1)
      var low = from
      for candidate in from..<index where smoothed[candidate] < smoothed[low] { low = candidate }
      var high = from
      for candidate in from...low where smoothed[candidate] > smoothed[high] { high = candidate }
      if smoothed[high] > smoothed[low] { parts.append((high, low)) }
    }
    return parts.isEmpty ? [(peak, trough)] : parts
  }
}
