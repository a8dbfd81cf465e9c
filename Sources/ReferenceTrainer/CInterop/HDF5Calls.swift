internal import CHDF5
internal import LRLensCore
internal import Synchronization

/// What a failed HDF5 call was doing, for the error it becomes.
struct HDF5Failure: Sendable {
  /// The output and the object written: `run.h5 (dataset '/lr_find/axis0')`.
  var location: InputLocation
  /// The start of the problem, before HDF5's own text: `cannot write the dataset`.
  var problem: String
}

/// The trainer's lock around every call into the HDF5 library, and the checks that turn a
/// failed call into an ``LRLensError``.
///
/// HDF5 built without thread safety keeps its error stack, identifier tables and caches in
/// globals, so every call runs under one lock, and a failed call's error stack is read under
/// the same hold of the lock. The readers have a lock of their own (`LRLensReaders` cannot be
/// imported here): a process that reads and writes HDF5 at the same time from two threads is
/// protected only by HDF5's own lock, which thread-safe builds (Debian's among them) have and
/// serial builds lack. Each hold of the lock also turns HDF5's printing of errors to stderr off
/// for the calling thread (thread-safe builds keep that setting per thread), and before the
/// first call HDF5's shutdown at exit is turned off, as the readers do, whichever runs first.
enum HDF5Calls {
  /// The lock; its value records whether HDF5's shutdown at exit is already turned off.
  private static let state = Mutex<Bool>(false)
  /// How many in-memory files were created, for their unique names.
  private static let fileCount = Atomic<Int>(0)

  /// Runs HDF5 calls under the lock.
  ///
  /// The lock is not recursive: `body` must not call `withLock`, nor drop the last reference
  /// to a handle (whose `deinit` takes the lock).
  ///
  /// - Parameter body: The calls, each checked at once with ``check(_:_:)``.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws, or `LRLensError` of kind `.internalFailure` when HDF5's
  ///   printing of errors cannot be turned off.
  static func withLock<Result: Sendable>(_ body: () throws(LRLensError) -> Result)
    throws(LRLensError) -> Result
  {
    try state.withLock { (isStarted: inout Bool) throws(LRLensError) -> Result in
      if !isStarted {
        // Wraps `H5dont_atexit`, whose only failure (a second request, after the readers made
        // it) is harmless.
        _ = H5dont_atexit()
        isStarted = true
      }
      // Wraps `H5Eset_auto2` (through the shim's `lrlens_h5_silence_errors`).
      let silenced = HDF5Failure(
        location: InputLocation(path: "<hdf5>"), problem: "cannot turn off HDF5's error printing")
      try check(lrlens_h5_silence_errors(), silenced, kind: .internalFailure)
      return try body()
    }
  }

  /// Makes one HDF5 call under the lock and checks its result at once.
  ///
  /// - Parameters:
  ///   - failure: What the call does, for the error.
  ///   - function: The call; it returns HDF5's status, identifier or size, negative on failure.
  /// - Returns: The call's non-negative result.
  /// - Throws: `LRLensError` of kind `.cannotCreateOutput` with HDF5's error stack when the
  ///   result is negative.
  @discardableResult
  static func call<Code: BinaryInteger & Sendable>(
    _ failure: HDF5Failure, _ function: () -> Code
  ) throws(LRLensError) -> Code {
    try withLock { () throws(LRLensError) -> Code in try check(function(), failure) }
  }

  /// Makes a releasing call (`H5Dclose`, ...) from a `deinit`, which cannot throw; a failure,
  /// which can only leak the handle, is dropped.
  ///
  /// - Parameter function: The call.
  static func release(_ function: () -> Int32) {
    let failure = HDF5Failure(
      location: InputLocation(path: "<hdf5>"), problem: "cannot release an HDF5 handle")
    _ = try? call(failure, function)
  }

  /// A name for an in-memory file that no other open file has and no file system holds
  /// (nothing exists below `/dev/null`): HDF5 takes two open files of one name for one file.
  ///
  /// - Returns: `/dev/null/lrlens-export-N`, N counting up.
  static func uniqueFileName() -> String {
    "/dev/null/lrlens-export-\(fileCount.wrappingAdd(1, ordering: .relaxed).newValue)"
  }

  /// Throws unless an HDF5 result reports success; call it under the lock, right after the
  /// call, while the error stack is still the call's own.
  ///
  /// - Parameters:
  ///   - code: The call's result.
  ///   - failure: What the call did.
  ///   - kind: The class of the error.
  /// - Returns: `code`, when it is not negative.
  /// - Throws: `LRLensError` naming the output, the object and HDF5's error stack.
  @discardableResult
  static func check<Code: BinaryInteger>(
    _ code: Code, _ failure: HDF5Failure, kind: LRLensError.Kind = .cannotCreateOutput
  ) throws(LRLensError) -> Code {
    guard code < 0 else { return code }
    let stack = errorStackText()
    throw LRLensError(
      kind, at: failure.location,
      problem: stack.isEmpty ? failure.problem : "\(failure.problem): \(stack)",
      fix: "check that enough memory is free; if it is, report this HDF5 message as a bug "
        + "in lrlens")
  }

  /// The descriptions of HDF5's error stack, outermost first, joined with `: `; then clears
  /// the stack.
  ///
  /// Wraps `H5Ewalk2` and `H5Eclear2`.
  private static func errorStackText() -> String {
    let collector = StackCollector()
    _ = withExtendedLifetime(collector) {
      H5Ewalk2(
        lrlens_h5e_default(), H5E_WALK_DOWNWARD, collectDescription,
        Unmanaged.passUnretained(collector).toOpaque())
    }
    _ = H5Eclear2(lrlens_h5e_default())
    var kept: [String] = []
    for description in collector.descriptions where description != kept.last {
      kept.append(description)
    }
    return kept.joined(separator: ": ")
  }

  /// The descriptions met while HDF5 walks its error stack.
  private final class StackCollector {
    var descriptions: [String] = []
  }

  /// `H5Ewalk2`'s callback: keeps a record's description when it has one.
  private static let collectDescription:
    @convention(c) (UInt32, UnsafePointer<H5E_error2_t>?, UnsafeMutableRawPointer?) -> herr_t = {
      _, record, context in
      guard let record, let context, let description = record.pointee.desc else { return 0 }
      let collector = Unmanaged<StackCollector>.fromOpaque(context).takeUnretainedValue()
      let text = String(cString: description)
      if !text.isEmpty { collector.descriptions.append(text) }
      return 0
    }
}
