#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// The C math functions the analysis, the plots and the reference trainer need, so that no
/// other file of theirs imports the C library (all stay pure Swift plus libm).
package enum LibM {
  /// The natural logarithm.
  ///
  /// Wraps `log`.
  package static func naturalLog(_ value: Double) -> Double { log(value) }

  /// The base-10 logarithm.
  ///
  /// Wraps `log10`.
  package static func log10(_ value: Double) -> Double {
    #if canImport(Glibc)
      Glibc.log10(value)
    #elseif canImport(Musl)
      Musl.log10(value)
    #else
      Darwin.log10(value)
    #endif
  }

  /// Ten to a power (exact for the integer powers a Double holds exactly).
  ///
  /// Wraps `pow`.
  package static func power10(_ exponent: Double) -> Double { pow(10, exponent) }

  /// The exponential function.
  ///
  /// Wraps `exp`.
  package static func exponential(_ value: Double) -> Double { exp(value) }

  /// The cosine.
  ///
  /// Wraps `cos`.
  package static func cosine(_ value: Double) -> Double { cos(value) }

  /// The sine.
  ///
  /// Wraps `sin`.
  package static func sine(_ value: Double) -> Double { sin(value) }

  /// The hyperbolic tangent.
  ///
  /// Wraps `tanh`.
  package static func hyperbolicTangent(_ value: Double) -> Double { tanh(value) }

  /// A base raised to an exponent, as Python's `**` on floats computes it.
  ///
  /// Wraps `pow`.
  package static func power(_ base: Double, _ exponent: Double) -> Double { pow(base, exponent) }
}
