/// A warning or note about an input or an analysis that does not stop it.
///
/// Diagnostics are returned, never printed by the library. They belong to the result, not to the
/// errors: the CLI's text report prints them on standard output after the file's suggestions, as
/// `location: warning: message`, and the JSON report lists their messages under `diagnostics`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable, Hashable {
    /// Something the user should look at: the result may not be what they expect.
    case warning
    /// Information about a choice lrlens made.
    case note
  }

  /// How serious it is.
  public var severity: Severity
  /// Where it applies, if it applies to a place in the input.
  public var location: InputLocation?
  /// The message, one sentence.
  public var message: String

  /// Creates a diagnostic.
  ///
  /// - Parameters:
  ///   - severity: How serious it is.
  ///   - location: Where it applies, if anywhere in particular.
  ///   - message: The message.
  public init(_ severity: Severity, at location: InputLocation? = nil, _ message: String) {
    self.severity = severity
    self.location = location
    self.message = message
  }

  /// The compiler-style line: `location: warning: message`.
  public var description: String {
    let prefix = location.map { "\($0): " } ?? ""
    return "\(prefix)\(severity.rawValue): \(message)"
  }
}
