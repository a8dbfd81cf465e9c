/// CRC-32C (Castagnoli), the checksum of TFRecord framing, and TFRecord's masked form of it.
///
/// It lives in the core so that the TensorBoard reader, which checks the framing, and the
/// reference trainer's TensorBoard exporter, which writes it, share one implementation.
///
/// The polynomial is 0x1EDC6F41 (reflected: 0x82F63B78), with initial value and final XOR
/// 0xFFFFFFFF, as in RFC 3720 §B.4 and TensorFlow's `tsl/lib/hash/crc32c`. The check value
/// of the ASCII bytes `123456789` is 0xE3069283.
///
/// The computation is table driven, eight bytes per step ("slicing by 8"): eight tables of
/// 256 entries, built once.
package enum CRC32C {
  /// The reflected Castagnoli polynomial.
  private static let polynomial: UInt32 = 0x82F6_3B78

  /// The constant TFRecord adds when masking a checksum.
  private static let maskDelta: UInt32 = 0xA282_EAD8

  /// Eight 256-entry tables, one after another: entry `256 * k + b` is the CRC of byte `b`
  /// followed by `k` zero bytes.
  private static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for byte in 0..<256 {
      var crc = UInt32(byte)
      for _ in 0..<8 {
        crc = (crc & 1) == 1 ? (crc >> 1) ^ polynomial : crc >> 1
      }
      tables[byte] = crc
    }
    for table in 1..<8 {
      for byte in 0..<256 {
        let previous = tables[256 * (table - 1) + byte]
        tables[256 * table + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
      }
    }
    return tables
  }()

  /// The CRC-32C of some bytes.
  ///
  /// - Parameter bytes: The bytes.
  /// - Returns: The checksum.
  /// - Complexity: O(n) in the number of bytes.
  package static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.withUnsafeBufferPointer { buffer in
      tables.withUnsafeBufferPointer { tables in
        update(0xFFFF_FFFF, with: UnsafeRawBufferPointer(buffer), tables: tables) ^ 0xFFFF_FFFF
      }
    }
  }

  /// The CRC-32C of a whole array of bytes.
  ///
  /// - Parameter bytes: The bytes.
  /// - Returns: The checksum.
  /// - Complexity: O(n) in the number of bytes.
  package static func checksum(_ bytes: [UInt8]) -> UInt32 {
    checksum(bytes[...])
  }

  /// TFRecord's masked form of a checksum: rotated right by 15 bits, plus 0xA282EAD8
  /// (modulo 2³²).
  ///
  /// TFRecord stores masked checksums because a CRC of data that itself holds CRCs is weak.
  ///
  /// - Parameter crc: The checksum.
  /// - Returns: The masked checksum.
  package static func masked(_ crc: UInt32) -> UInt32 {
    ((crc >> 15) | (crc << 17)) &+ maskDelta
  }

  /// The masked CRC-32C of some bytes, as TFRecord stores it.
  ///
  /// - Parameter bytes: The bytes.
  /// - Returns: The masked checksum.
  /// - Complexity: O(n) in the number of bytes.
  package static func maskedChecksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    masked(checksum(bytes))
  }

  /// Runs the CRC register over bytes, eight at a time, then one at a time.
  private static func update(
    _ start: UInt32, with bytes: UnsafeRawBufferPointer, tables: UnsafeBufferPointer<UInt32>
  ) -> UInt32 {
    var crc = start
    var index = 0
    let count = bytes.count
    while count - index >= 8 {
      let low =
        crc
        ^ (UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
          | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
      let high =
        UInt32(bytes[index + 4]) | UInt32(bytes[index + 5]) << 8
        | UInt32(bytes[index + 6]) << 16 | UInt32(bytes[index + 7]) << 24
      crc =
        tables[7 * 256 + Int(low & 0xFF)] ^ tables[6 * 256 + Int((low >> 8) & 0xFF)]
        ^ tables[5 * 256 + Int((low >> 16) & 0xFF)] ^ tables[4 * 256 + Int(low >> 24)]
        ^ tables[3 * 256 + Int(high & 0xFF)] ^ tables[2 * 256 + Int((high >> 8) & 0xFF)]
        ^ tables[256 + Int((high >> 16) & 0xFF)] ^ tables[Int(high >> 24)]
      index += 8
    }
    while index < count {
      crc = (crc >> 8) ^ tables[Int((crc ^ UInt32(bytes[index])) & 0xFF)]
      index += 1
    }
    return crc
  }
}
