internal import LRLensCore

/// A seeded SplitMix64 random number generator, the only randomness the trainer uses.
///
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014)
/// adds a Weyl constant to a 64-bit state and mixes it with two multiply-xorshift rounds. The same
/// seed always gives the same stream on every platform, so weights, data and batch order are
/// reproducible bit for bit.
package struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
  private var state: UInt64

  /// Creates a generator from a seed.
  ///
  /// - Parameter seed: Any 64-bit value; equal seeds give equal streams.
  package init(seed: UInt64) {
    state = seed
  }

  /// Creates an independent generator for one purpose, so that streams used for different
  /// things (weights, batch order, data) do not shift when one of them draws more numbers.
  ///
  /// - Parameters:
  ///   - seed: The run's seed.
  ///   - stream: A fixed constant naming the purpose.
  package init(seed: UInt64, stream: UInt64) {
    var mixer = SeededGenerator(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    state = mixer.next()
  }

  /// The next 64 random bits.
  ///
  /// - Returns: The bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  ///
  /// - Returns: The number.
  package mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in [`lower`, `upper`).
  ///
  /// - Parameters:
  ///   - lower: The inclusive lower bound.
  ///   - upper: The exclusive upper bound.
  /// - Returns: The number.
  package mutating func nextUniform(_ lower: Double, _ upper: Double) -> Double {
    lower + (upper - lower) * nextUnit()
  }

  /// A standard normal double by the Box–Muller transform (one of the two values is used, so
  /// each call draws exactly two 64-bit words).
  ///
  /// - Returns: The number.
  package mutating func nextGaussian() -> Double {
    // 1 - u lies in (0, 1], so the logarithm is finite.
    let radius = (-2 * LibM.naturalLog(1 - nextUnit())).squareRoot()
    let angle = 2 * Double.pi * nextUnit()
    return radius * LibM.cosine(angle)
  }

  /// A uniform integer in 0..<`bound` without modulo bias (Lemire's multiply-shift method).
  ///
  /// - Parameter bound: The exclusive upper bound, at least 1.
  /// - Returns: The integer.
  package mutating func nextIndex(below bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  /// Shuffles an array in place with the Fisher–Yates algorithm, drawing from this generator.
  ///
  /// Written out rather than `Array.shuffle(using:)` so the permutation cannot change with the
  /// standard library's implementation.
  ///
  /// - Parameter elements: The array to shuffle.
  package mutating func shuffle<Element>(_ elements: inout [Element]) {
    guard elements.count > 1 else { return }
    for position in stride(from: elements.count - 1, to: 0, by: -1) {
      let other = nextIndex(below: position + 1)
      elements.swapAt(position, other)
    }
  }
}
