internal import CHDF5
package import LRLensCore
internal import Synchronization

/// Where an HDF5 call happens and what its failure means to the user, for the error a failed
/// call becomes.
package struct HDF5Context: Sendable {
  /// The file and object the call works on: `run.h5 (dataset '/lr_find/block0_values')`.
  package var location: InputLocation
  /// The start of the problem, before HDF5's own text: `not a readable HDF5 file`.
  package var problem: String
  /// What the user can do about it.
  package var fix: String
  /// The class of failure: `.badData` unless the call fails for reasons outside the input.
  package var kind: LRLensError.Kind

  /// Creates a context.
  ///
  /// - Parameters:
  ///   - location: The file and object the call works on.
  ///   - problem: The start of the problem, before HDF5's own text.
  ///   - fix: What the user can do about it.
  ///   - kind: The class of failure (`.badData` for a reader's input by default).
  package init(
    location: InputLocation, problem: String, fix: String, kind: LRLensError.Kind = .badData
  ) {
    self.location = location
    self.problem = problem
    self.fix = fix
    self.kind = kind
  }
}

/// The one lock around every call into the HDF5 library, and the turning of failed calls into
/// ``LRLensError``s, for the readers and the trainer's exporters alike.
///
/// The system's HDF5 may be built without thread safety, when its error stack, identifier
/// tables and caches are global. Every call therefore runs under one global lock, and a failed
/// call's error stack is walked under the same hold of the lock, before any other call can
/// replace it. Debian's build is thread-safe, which makes the error stack and its automatic
/// printing per thread: each hold of the lock therefore turns the printing off for the calling
/// thread, since the library never prints. Before the first call it also turns off HDF5's
/// shutdown at exit, which can print.
package enum HDF5Library {
  /// The lock; its value records whether HDF5's shutdown at exit is already turned off.
  private static let state = Mutex<Bool>(false)
  /// How many file images were opened, for their unique names.
  private static let imageCount = Atomic<Int>(0)

  /// Runs HDF5 calls under the global lock.
  ///
  /// The lock is not recursive: `body` must not call `withLock` (nor release an HDF5 handle,
  /// whose `deinit` takes the lock).
  ///
  /// - Parameter body: The calls, each checked with ``check(_:context:)`` at once.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws, or `LRLensError` of kind `.internalFailure` when HDF5's
  ///   error printing cannot be turned off.
  package static func withLock<Result: Sendable>(_ body: () throws(LRLensError) -> Result)
    throws(LRLensError) -> Result
  {
    try state.withLock { (isStarted: inout Bool) throws(LRLensError) -> Result in
      if !isStarted {
        skipTerminationAtExit()
        isStarted = true
      }
      let context = HDF5Context(
        location: InputLocation(path: "<hdf5>"),
        problem: "cannot turn off HDF5's error printing",
        fix: "report this as a bug in lrlens", kind: .internalFailure)
      try silenceErrors(context: context)
      return try body()
    }
  }

  /// A name for a file image that no other open image has and no file system holds.
  ///
  /// HDF5 takes two files of the same name for one file, and the core driver refuses a name
  /// that exists on disk; nothing can exist below `/dev/null`.
  ///
  /// - Returns: `/dev/null/lrlens-hdf5-image-N`, N counting up.
  package static func uniqueImageName() -> String {
    let number = imageCount.wrappingAdd(1, ordering: .relaxed).newValue
    return "/dev/null/lrlens-hdf5-image-\(number)"
  }

  /// Makes one HDF5 call under the lock and checks its result at once.
  ///
  /// - Parameters:
  ///   - context: Where the call happens, for the error.
  ///   - function: The call; it returns HDF5's status or identifier, negative on failure.
  /// - Returns: The call's non-negative result.
  /// - Throws: `LRLensError` carrying HDF5's error stack when the result is negative.
  @discardableResult
  package static func call<Code: BinaryInteger & Sendable>(
    _ context: HDF5Context, _ function: () -> Code
  ) throws(LRLensError) -> Code {
    try withLock { () throws(LRLensError) -> Code in
      try check(function(), context: context)
    }
  }

  /// Makes a releasing call (`H5Dclose`, ...) from a `deinit`, which cannot throw.
  ///
  /// The call runs under the lock and its result is checked like any other; a failure, which
  /// can only leak the handle, is dropped.
  ///
  /// - Parameter function: The call.
  package static func release(_ function: () -> Int32) {
    let context = HDF5Context(
      location: InputLocation(path: "<hdf5>"), problem: "cannot release an HDF5 handle",
      fix: "report this as a bug in lrlens", kind: .internalFailure)
    _ = try? call(context, function)
  }

  /// Throws unless an HDF5 result reports success, with HDF5's error stack as the message.
  ///
  /// HDF5 reports failure with a negative `herr_t`, `hid_t`, `htri_t` or count. Call this
  /// under the lock, right after the call, so the error stack is still the call's own.
  ///
  /// - Parameters:
  ///   - code: The call's result.
  ///   - context: Where the call happened.
  /// - Returns: `code`, when it is not negative.
  /// - Throws: `LRLensError` of the context's kind when `code` is negative.
  @discardableResult
  package static func check<Code: BinaryInteger>(_ code: Code, context: HDF5Context)
    throws(LRLensError)
    -> Code
  {
    guard code < 0 else { return code }
    let stack = HDF5ErrorStack.current()
    let problem = stack.isEmpty ? context.problem : "\(context.problem): \(stack)"
    throw LRLensError(context.kind, at: context.location, problem: problem, fix: context.fix)
  }

  /// Keeps HDF5 from shutting itself down at process exit.
  ///
  /// After some corrupt files HDF5's metadata cache cannot be emptied, and its `atexit` handler
  /// then prints `HDF5: infinite loop closing library` to stderr as the process ends; lrlens
  /// only reads, so skipping the shutdown loses nothing. It must run before the library starts.
  /// Wraps `H5dont_atexit`, whose only failure (a second request) is harmless, so its result is
  /// not an error.
  private static func skipTerminationAtExit() {
    _ = H5dont_atexit()
  }

  /// Turns off HDF5's automatic printing of the calling thread's error stack to stderr.
  ///
  /// Wraps `H5Eset_auto2` (through the shim's `lrlens_h5_silence_errors`).
  private static func silenceErrors(context: HDF5Context) throws(LRLensError) {
    try check(lrlens_h5_silence_errors(), context: context)
  }
}

/// The text of HDF5's error stack after a failed call.
///
/// HDF5 pushes one record per library function the failure passed through, from the API call
/// down to where it was found. The text joins their descriptions from the outside in:
/// `unable to open file: unable to read superblock: file signature not found`.
enum HDF5ErrorStack {
  /// The longest text kept: a corrupt file can make HDF5 push many records.
  private static let maximumLength = 600

  /// Collects the descriptions while HDF5 walks its stack.
  private final class Collector {
    var descriptions: [String] = []
  }

  /// The current error stack as one line, then clears the stack.
  ///
  /// Call it under the lock. A stack that cannot be walked gives an empty string.
  ///
  /// - Returns: The descriptions, outermost first, joined with `: ` (repeats dropped).
  static func current() -> String {
    let collector = Collector()
    walk(into: collector)
    clear()
    var kept: [String] = []
    for description in collector.descriptions where kept.last != description {
      kept.append(description)
    }
    let text = kept.joined(separator: ": ")
    guard text.count > maximumLength else { return text }
    return String(text.prefix(maximumLength)) + "..."
  }

  /// Walks the default error stack from the API call down.
  ///
  /// Wraps `H5Ewalk2`. Its own failure leaves the descriptions collected so far: there is no
  /// better text to report it with.
  private static func walk(into collector: Collector) {
    let context = Unmanaged.passUnretained(collector).toOpaque()
    let status = withExtendedLifetime(collector) {
      H5Ewalk2(lrlens_h5e_default(), H5E_WALK_DOWNWARD, record, context)
    }
    if status < 0 { collector.descriptions.append("HDF5 could not describe the error") }
  }

  /// Empties the default error stack.
  ///
  /// Wraps `H5Eclear2`. A failure is ignored: the next API call clears the stack anyway.
  private static func clear() {
    _ = H5Eclear2(lrlens_h5e_default())
  }

  /// `H5Ewalk2`'s callback: keeps one record's description, or its minor message when it has
  /// none.
  private static let record:
    @convention(c) (UInt32, UnsafePointer<H5E_error2_t>?, UnsafeMutableRawPointer?) -> herr_t = {
      _, error, context in
      guard let error, let context else { return 0 }
      let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
      var text = error.pointee.desc.map { String(cString: $0) } ?? ""
      if text.isEmpty { text = message(error.pointee.min_num) }
      if !text.isEmpty { collector.descriptions.append(text) }
      return 0
    }

  /// The text of an HDF5 error message class, such as `file signature not found`.
  ///
  /// Wraps `H5Eget_msg`. A failure gives an empty string.
  private static func message(_ id: hid_t) -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    let length = H5Eget_msg(id, nil, &buffer, buffer.count)
    guard length > 0 else { return "" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
