/// Encodes protocol buffer messages field by field, in the wire format.
///
/// Only what TensorBoard's `Event` needs: varints, 64- and 32-bit fixed fields and
/// length-delimited fields (strings, bytes, nested messages). Fields are appended in the order
/// given; protobuf's serializers write them by field number, so callers do too.
struct ProtobufWriter {
  /// The message's bytes so far.
  private(set) var bytes: [UInt8] = []

  /// Appends a varint field (wire type 0), such as an `int64` or an enum.
  mutating func appendVarint(field: Int, _ value: UInt64) {
    appendKey(field: field, wireType: 0)
    appendVarint(value)
  }

  /// Appends a `double` field (wire type 1, little-endian).
  mutating func appendDouble(field: Int, _ value: Double) {
    appendKey(field: field, wireType: 1)
    appendLittleEndian(value.bitPattern)
  }

  /// Appends a `float` field (wire type 5, little-endian).
  mutating func appendFloat(field: Int, _ value: Float) {
    appendKey(field: field, wireType: 5)
    appendLittleEndian(value.bitPattern)
  }

  /// Appends a length-delimited field (wire type 2): a string's UTF-8, bytes or a nested
  /// message's encoding.
  mutating func appendBytes(field: Int, _ value: [UInt8]) {
    appendKey(field: field, wireType: 2)
    appendVarint(UInt64(value.count))
    bytes += value
  }

  /// Appends a string field.
  mutating func appendString(field: Int, _ value: String) {
    appendBytes(field: field, Array(value.utf8))
  }

  /// Appends a field's key: its number and wire type.
  private mutating func appendKey(field: Int, wireType: UInt64) {
    appendVarint(UInt64(field) << 3 | wireType)
  }

  /// Appends a base-128 varint, least significant group first.
  private mutating func appendVarint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// Appends an integer's bytes, least significant first.
  private mutating func appendLittleEndian<Integer: FixedWidthInteger>(_ value: Integer) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
  }
}
