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
