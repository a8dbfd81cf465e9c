import LRLensCore
import LRLensTestSupport
import Testing

/// A known CRC-32C value.
struct CRC32CVector: CustomTestStringConvertible, Sendable {
  var name: String
  var bytes: [UInt8]
  var checksum: UInt32

  var testDescription: String { name }
}

@Suite struct CRC32CTests {
  // RFC 3720 §B.4 and the CRC catalogue's check value.
  static let vectors = [
    CRC32CVector(
      name: "check value '123456789'", bytes: Array("123456789".utf8), checksum: 0xE306_9283),
    CRC32CVector(name: "empty", bytes: [], checksum: 0),
    CRC32CVector(name: "32 zeros", bytes: Array(repeating: 0, count: 32), checksum: 0x8A91_36AA),
    CRC32CVector(name: "32 0xFF", bytes: Array(repeating: 0xFF, count: 32), checksum: 0x62A8_AB43),
    CRC32CVector(name: "0 to 31", bytes: (0..<32).map { UInt8($0) }, checksum: 0x46DD_794E),
    CRC32CVector(
      name: "31 down to 0", bytes: (0..<32).reversed().map { UInt8($0) }, checksum: 0x113F_DB5C),
  ]

  @Test(arguments: vectors)
  func knownVector(_ vector: CRC32CVector) {
    #expect(CRC32C.checksum(vector.bytes) == vector.checksum)
  }

  @Test func maskRotatesAndAddsTheDelta() {
    #expect(CRC32C.masked(0) == 0xA282_EAD8)
    #expect(CRC32C.masked(0x0000_8000) == 0xA282_EAD9)
    // 0xE3069283 rotated right by 15 is 0x2507C60D; plus 0xA282EAD8 modulo 2³² is 0xC78AB0E5.
    #expect(CRC32C.masked(0xE306_9283) == 0xC78A_B0E5)
    #expect(CRC32C.maskedChecksum(Array("123456789".utf8)[...]) == 0xC78A_B0E5)
  }

  @Test func slicesAtAnyOffsetAndLengthMatchTheBitwiseDefinition() {
    var random = SplitMix64(seed: 0x5EED_C3C3)
    let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    for start in 0..<9 {
      for end in stride(from: start, through: bytes.count, by: 7) {
        let slice = bytes[start..<end]
        #expect(
          CRC32C.checksum(slice) == Self.bitwise(slice),
          "bytes \(start)..<\(end) (seed 0x5EEDC3C3)")
      }
    }
  }

  @Test func theFirstRecordOfARealEventFileChecksOut() {
    let bytes = Fixtures.bytes("tensorboard/fastai_mlp_digits.tfevents")
    #expect(bytes.count > 12)
    guard bytes.count > 12 else { return }
    let stored = (8..<12).reduce(UInt32(0)) { $0 | UInt32(bytes[$1]) << (8 * ($1 - 8)) }
    #expect(CRC32C.maskedChecksum(bytes[0..<8]) == stored)
  }

  /// The definition, one bit at a time.
  private static func bitwise(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    }
    return ~crc
  }
}
