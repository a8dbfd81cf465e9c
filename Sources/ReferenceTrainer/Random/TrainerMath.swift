#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The C math functions the trainer needs, so that no other file imports the C library.
enum TrainerMath {
  /// The natural logarithm.
  ///
  /// Wraps `log`.
  static func naturalLog(_ value: Double) -> Double { log(value) }

  /// The exponential function.
  ///
  /// Wraps `exp`.
  static func exponential(_ value: Double) -> Double { exp(value) }

  /// The cosine.
  ///
  /// Wraps `cos`.
  static func cosine(_ value: Double) -> Double { cos(value) }

  /// The sine.
  ///
  /// Wraps `sin`.
  static func sine(_ value: Double) -> Double { sin(value) }

  /// The hyperbolic tangent.
  ///
  /// Wraps `tanh`.
  static func hyperbolicTangent(_ value: Double) -> Double { tanh(value) }

  /// A base raised to an exponent, as Python's `**` on floats computes it.
  ///
  /// Wraps `pow`.
  static func power(_ base: Double, _ exponent: Double) -> Double { pow(base, exponent) }
}
