internal import LRLensCore

/// Curve diagnostics that need their own statistic.
enum CurveDiagnosis {
  /// The running-mean statistic: how fast the roughness of the losses shrinks within an epoch.
  struct RunningMeanEvidence: Equatable {
    /// The log-log slope of the median `|Δ²y|` against the position in the epoch (−1 for a
    /// running mean, about 0 for raw or EMA-smoothed losses).
    var slope: Double
    /// The epoch length (in points) that gave it; the whole stretch when no restart was found.
    var epochLength: Int
  }

  /// Tests whether losses look like a running (cumulative) mean, as TF ≥ 2.2 Keras batch
  /// logs report: `m[p] = mean(r[0...p])` within each epoch.
  ///
  /// For a running mean of noisy batch losses, `Δm[p] = (r[p] − m[p−1]) / (p + 1)`: the changes
  /// shrink like `1/p` (the variance like `1/p²`, the mean's like `1/p`) and jump back at every
  /// epoch restart. The statistic removes the trend with second differences, groups
  /// `|Δ²y|` by the position `p` in the epoch in octaves (`[1,2), [2,4), …`), and fits
  /// `log median|Δ²y| = a + slope·log p` by least squares weighted by the group sizes. Epoch
  /// lengths tried: the whole stretch, and around each of the first points where `|Δy|`
  /// jumps above `runningMeanResetJump` times its median over the 5 points before (and above
  /// its overall median). The most negative slope wins. Raw and EMA-smoothed losses give slopes
  /// near 0; a fastai debiased EMA looks like a running mean for its first ~50 points, so the
  /// recommender skips the test when it undid a known framework smoothing.
  ///
  /// Only the stretch before the descent should be passed: a descent or divergence adds
  /// trends the second differences do not remove. The first 5% of the points (at least 3)
  /// are skipped (early transients).
  ///
  /// - Parameters:
  ///   - losses: Finite losses of the plateau before the descent.
  ///   - tuning: The constants.
  /// - Returns: The evidence, or `nil` when the stretch is too short (< 20 points, or fewer
  ///   than 4 octaves with 3 values each).
  /// - Complexity: O(n log n) per epoch length tried, at most 13 lengths.
  static func runningMeanEvidence(
    _ losses: [Double], tuning: RecommenderTuning
  ) -> RunningMeanEvidence? {
    let count = losses.count
    guard count >= 20 else { return nil }
    let changes = (1..<count).map { abs(losses[$0] - losses[$0 - 1]) }
    let typical = RobustSmoothing.median(changes)
    var lengths = [count]
    for index in 5..<changes.count {
      let recent = RobustSmoothing.median(changes[(index - 5)..<index])
      guard recent > 0, changes[index] > tuning.runningMeanResetJump * recent,
        changes[index] > typical
      else { continue }
      lengths += [index - 1, index, index + 1, index + 2].filter { $0 >= 4 }
      if lengths.count > 12 { break }
    }
    let skip = 3
    return
      lengths
      .compactMap { length in
        slope(losses, epochLength: length, skip: skip).map {
          RunningMeanEvidence(slope: $0, epochLength: length)
        }
      }
      .min { $0.slope < $1.slope }
  }

  /// The weighted log-log slope of the median `|Δ²y|` per octave of epoch position.
  private static func slope(_ losses: [Double], epochLength: Int, skip: Int) -> Double? {
    var octaves: [Int: [Double]] = [:]
    for index in max(2, skip + 2)..<losses.count {
      guard (index - 2) / epochLength == index / epochLength else { continue }
      let position = (index - 1) - (index / epochLength) * epochLength
      guard position >= 1 else { continue }
      let octave = Int.bitWidth - 1 - position.leadingZeroBitCount
      octaves[octave, default: []].append(
        abs(losses[index] - 2 * losses[index - 1] + losses[index - 2]))
    }
    let groups = octaves.filter { $0.value.count >= 3 }.sorted { $0.key < $1.key }
    guard groups.count >= 4 else { return nil }
    var points: [(x: Double, y: Double, weight: Double)] = []
    for (octave, values) in groups {
      let median = RobustSmoothing.median(values)
      guard median > 0 else { return nil }
      points.append(
        ((Double(octave) + 0.5) * LibM.naturalLog(2), LibM.naturalLog(median), Double(values.count))
      )
    }
    let total = points.reduce(0) { $0 + $1.weight }
    let meanX = points.reduce(0) { $0 + $1.weight * $1.x } / total
    let meanY = points.reduce(0) { $0 + $1.weight * $1.y } / total
    let covariance = points.reduce(0) { $0 + $1.weight * ($1.x - meanX) * ($1.y - meanY) }
    let variance = points.reduce(0) { $0 + $1.weight * ($1.x - meanX) * ($1.x - meanX) }
    return variance > 0 ? covariance / variance : nil
  }
}
