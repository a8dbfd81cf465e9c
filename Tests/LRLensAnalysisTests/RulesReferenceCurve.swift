import LRLensAnalysis

/// The derived test vector of docs/RULES.md §1.5.
///
/// N = 100, `lr_i = 1e-7·(1e8)^(i/100)`,
/// `loss = 2.3 − 1.5/(1 + exp(−2.5(x+3))) + (x > −1 ? 3(x+1)² : 0)` with `x = log10(lr)`,
/// trimmed `[10:-5]` to 85 points. Expected: valley 32, steep 39, minimum 65 (lr/10 = 1e-2),
/// slide 1.5848932e-6 (window indices).
enum RulesReferenceCurve {
  static let learningRates: [Double] = (0..<100).map { index in
    1e-7 * pow(1e8, Double(index) / 100)
  }

  static let losses: [Double] = learningRates.map { rate in
    let x = log10(rate)
    let logistic = 1.5 / (1 + exp(-2.5 * (x + 3)))
    return 2.3 - logistic + (x > -1 ? 3 * (x + 1) * (x + 1) : 0)
  }

  static let prepared = PreparedCurve(
    learningRates: learningRates, losses: losses, window: Array(10..<95))
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
