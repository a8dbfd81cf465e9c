/// The seeded SplitMix64 generator randomized tests use (Steele, Lea and Flood, 2014; the same
/// mixing as apple/swift-argument-parser `Examples/roll/SplitMix64.swift`).
///
/// Tests print the seed on failure, so a failing run can be repeated with it. It is written
/// here rather than borrowed from the reference trainer so that the test helpers depend on the
/// core only.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator from a seed.
  ///
  /// - Parameter seed: Any 64-bit value; equal seeds give equal streams.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  ///
  /// - Returns: The bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return mixed ^ (mixed >> 31)
  }

  /// A uniform double in [`lower`, `upper`) with 53 random bits.
  ///
  /// - Parameters:
  ///   - lower: The inclusive lower bound.
  ///   - upper: The exclusive upper bound.
  /// - Returns: The number.
  public mutating func nextUniform(_ lower: Double, _ upper: Double) -> Double {
    lower + (upper - lower) * (Double(next() >> 11) * 0x1.0p-53)
  }
}
