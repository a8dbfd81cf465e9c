internal import LRLensCore

/// Undoes the exponential moving average a framework applied to its exported losses, so that
/// the smoothing lag does not push the descent to higher learning rates.
///
/// Each framework's EMA is linear and invertible from its own output: with `s` the exported
/// losses and `r` the raw batch losses,
/// - fastai (`AvgSmoothLoss`, β = 0.98): `a[k] = s[k]·(1 − β^(k+1))`, `r[k] = (a[k] − β·a[k−1]) / (1 − β)`;
/// - Lightning (β = 0.98, its off-by-one debiasing): the same with `1 − β^(k+2)`;
/// - torch-lr-finder and ignite (`smooth_f` = 0.05): `r[0] = s[0]`,
///   `r[k] = (s[k] − 0.95·s[k−1]) / 0.05`.
/// On the reference runs this reproduces the recorded raw losses to float32 precision. NaN and
/// ±∞ propagate to every later point, as they did in the framework's average.
enum SmoothingInversion {
  /// A framework smoothing that can be undone.
  enum Kind: Equatable {
    /// A debiased EMA whose divisor at 0-based point `k` is `1 − β^(k + offset)`.
    case debiased(beta: Double, offset: Int)
    /// A plain EMA with weight `factor` on the new loss, first point raw.
    case plain(factor: Double)
  }

  /// The smoothing a framework's exported losses carry by default, if known and invertible.
  ///
  /// - Parameter framework: The framework guess.
  /// - Returns: The smoothing, or `nil` for raw-loss frameworks and unknown sources.
  static func kind(for framework: Framework) -> Kind? {
    switch framework {
    case .fastai: .debiased(beta: 0.98, offset: 1)
    case .lightning: .debiased(beta: 0.98, offset: 2)
    case .torchLRFinder, .ignite: .plain(factor: 0.05)
    case .keras, .mxnet, .unknown: nil
    }
  }

  /// The framework's smoothing in words, for findings.
  ///
  /// - Parameter kind: The smoothing.
  /// - Returns: A short description.
  static func describe(_ kind: Kind) -> String {
    switch kind {
    case .debiased(let beta, _): "a debiased EMA (β = \(beta))"
    case .plain(let factor): "an EMA with weight \(factor) on each new loss"
    }
  }

  /// How much a smoothed curve still wiggles: the share of steps at which it changes
  /// direction, up to the bottom of its largest fall.
  ///
  /// An EMA of noisy batch losses changes direction on its plateau (0.23–0.37 on the reference
  /// runs); a monotone fall (an epoch-wise sweep mistaken for a framework export, or noiseless
  /// data) gives 0. Non-finite values and steps with no change are skipped.
  ///
  /// - Parameter values: The smoothed losses.
  /// - Returns: The share in `[0, 1]`, 0 with fewer than 3 steps.
  /// - Complexity: O(n).
  static func wiggle(_ values: [Double]) -> Double {
    let finite = values.filter(\.isFinite)
    let trough = RobustSmoothing.maximumDrawdown(finite, in: finite.indices).trough
    let stretch = finite[...min(trough, max(finite.count - 1, 0))]
    guard stretch.count >= 3 else { return 0 }
    let signs = zip(stretch.dropFirst(), stretch).compactMap { next, value -> Bool? in
      next == value ? nil : next > value
    }
    guard signs.count >= 2 else { return 0 }
    let changes = zip(signs.dropFirst(), signs).filter { $0 != $1 }.count
    return Double(changes) / Double(signs.count - 1)
  }

  /// The raw losses behind smoothed ones.
  ///
  /// - Parameters:
  ///   - smoothed: The exported losses.
  ///   - kind: The smoothing they carry.
  /// - Returns: The raw losses, same length.
  /// - Complexity: O(n).
  static func invert(_ smoothed: [Double], kind: Kind) -> [Double] {
    switch kind {
    case .debiased(let beta, let offset):
      var previous = 0.0
      var power = 1.0
      for _ in 0..<max(offset, 0) { power *= beta }
      return smoothed.map { value in
        let average = value * (1 - power)
        let raw = (average - beta * previous) / (1 - beta)
        previous = average
        power *= beta
        return raw
      }
    case .plain(let factor):
      var previous: Double?
      return smoothed.map { value in
        defer { previous = value }
        guard let previous else { return value }
        return (value - (1 - factor) * previous) / factor
      }
    }
  }
}
