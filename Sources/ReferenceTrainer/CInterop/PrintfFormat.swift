#if canImport(Glibc)
  internal import Glibc
#elseif canImport(Musl)
  internal import Musl
#elseif canImport(Darwin)
  internal import Darwin
#endif

/// C's `printf` conversions that Python's `%`-formatting shares, for log lines.
///
/// Python formats `'%f' % x` with its own correctly rounded `dtoa` (ties to even on the exact
/// binary value); the C library's `printf` rounds the exact value the same way, so both print
/// the same digits. Only the non-finite values differ (C prints `-nan` for a NaN with its sign
/// bit set, Python always `nan`), so those are spelled here as Python spells them.
package enum PrintfFormat {
  /// Python's `'%.Nf' % value`: fixed-point with `decimals` digits after the point.
  ///
  /// Wraps `vsnprintf`, called once to measure and once to print.
  ///
  /// - Parameters:
  ///   - value: The number.
  ///   - decimals: The digits after the point (Python's `%f` uses 6).
  /// - Returns: The text, such as `0.000001`, `2.300844`, `nan`, `-inf`.
  package static func fixed(_ value: Double, decimals: Int = 6) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let format = "%.\(decimals)f"
    let length = withVaList([value]) { vsnprintf(nil, 0, format, $0) }
    guard length > 0 else { preconditionFailure("vsnprintf failed to measure \(format)") }
    var buffer = [CChar](repeating: 0, count: Int(length) + 1)
    let printed = buffer.withUnsafeMutableBufferPointer { buffer in
      withVaList([value]) { vsnprintf(buffer.baseAddress, buffer.count, format, $0) }
    }
    guard printed == length else { preconditionFailure("vsnprintf printed \(format) unevenly") }
    return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
