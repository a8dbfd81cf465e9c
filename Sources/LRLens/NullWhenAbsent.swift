/// An optional report field that JSON writes as an explicit `null` when it has no value.
///
/// Swift's synthesized `Encodable` leaves an absent optional's key out; lrlens's JSON reports
/// keep every documented key, so pipelines can rely on it. Wrapping the field keeps the
/// synthesized encoding (and its `CodingKeys`) and only changes how the value is written.
///
/// It is public only because public report fields (``FileReport``, ``InspectReport``) carry
/// it; read those fields as plain optionals.
@propertyWrapper
public struct NullWhenAbsent<Value: Encodable>: Encodable {
  /// The field's value, or `nil` for an explicit `null`.
  public var wrappedValue: Value?

  /// Wraps a value.
  ///
  /// - Parameter wrappedValue: The value, or `nil`.
  public init(wrappedValue: Value?) {
    self.wrappedValue = wrappedValue
  }

  /// Writes the value, or `null`.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    if let wrappedValue {
      try container.encode(wrappedValue)
    } else {
      try container.encodeNil()
    }
  }
}

extension NullWhenAbsent: Sendable where Value: Sendable {}
extension NullWhenAbsent: Equatable where Value: Equatable {}
