package import LRLensCore
internal import LRLensIO
internal import Synchronization

/// Reads HDF5 files in a sandboxed helper process, so that a file that crashes, hangs or
/// exhausts libhdf5 costs that file alone.
///
/// libhdf5 parses a file's structure in C and trusts it: crafted files crash it (`SIGFPE`,
/// `SIGSEGV`) or make it allocate without end. This reader sends each file's bytes to a helper
/// (`lrlens` with a hidden subcommand that calls ``serve()``), which reads them with
/// ``HDF5Reader`` under limits it sets on itself before reading anything: no descriptors but
/// its standard ones (a socket and a pipe), no core dumps, at most ``openFiles`` open files,
/// at most ``memoryPerByte`` bytes of address space per input byte plus ``baseMemory`` more
/// than it maps when a request arrives, and ``cpuSeconds`` of CPU time per file. The caller
/// also kills it after ``timeout``. One helper serves every file of a batch, one file at a
/// time; after a failure the next file starts a new one.
///
/// A failure of the helper is the file's error, of kind `.badData`: `libhdf5 crashed
/// (SIGFPE) reading the file`, `... used more than 30 s of CPU time ...`, `... did not finish
/// within 60 s ...`.
package final class HDF5Helper: LogReader {
  /// The format this reader reads: `.hdf5`.
  package static let format = LogFormat.hdf5
  /// The address space a request may add, beyond ``memoryPerByte`` per byte of input.
  package static let baseMemory = 1 << 30
  /// The address space a request may add per byte of its input.
  package static let memoryPerByte = 16
  /// The CPU time one file may take.
  package static let cpuSeconds = 30
  /// The wall-clock time one file may take.
  package static let timeout = Duration.seconds(60)
  /// The most descriptors the helper may hold.
  package static let openFiles = 16

  private let executable: String
  private let arguments: [String]
  private let process = Mutex<HelperProcess?>(nil)

  /// Creates a reader that starts its helper as `executable arguments...` when first needed.
  ///
  /// - Parameters:
  ///   - executable: The absolute path of a program whose `arguments` make it call ``serve()``.
  ///   - arguments: The arguments.
  package init(executable: String, arguments: [String]) {
    self.executable = executable
    self.arguments = arguments
  }

  /// Reads an HDF5 input in the helper.
  ///
  /// - Parameters:
  ///   - input: The input's bytes and path.
  ///   - options: The user's `--dataset`, `--lr-column` and `--loss-column`.
  /// - Returns: What ``HDF5Reader`` returns for it.
  /// - Throws: What ``HDF5Reader`` throws, or `LRLensError` of kind `.badData` when the helper
  ///   crashed, hit a limit or hung on this file, and of kind `.internalFailure` when it cannot
  ///   be started.
  package func read(_ input: LogInput, options: ReadOptions) throws(LRLensError) -> ReadResult {
    var writer = HelperWriter()
    writer.request(input, options: options)
    let request = writer.bytes
    let exchanged = process.withLock { (slot) -> Result<[UInt8], HelperProcess.Failure> in
      if slot == nil {
        do throws(HelperProcess.Failure) {
          slot = try HelperProcess(executable: executable, arguments: arguments)
        } catch {
          return .failure(error)
        }
      }
      guard let helper = slot else { return .failure(.notStarted("no helper")) }
      let result = helper.exchange(request, timeout: Self.timeout)
      if case .failure = result {
        let errorText = String(decoding: helper.errorText, as: UTF8.self)
        slot = nil
        if errorText.contains("allocate") { return .failure(.exited(Self.outOfMemory)) }
      }
      return result
    }
    switch exchanged {
    case .success(let answer):
      var reader = HelperReader(answer)
      guard let result = try? reader.answer() else {
        throw failure(
          input.path, "the HDF5 helper sent an answer lrlens cannot decode", .internalFailure)
      }
      return try result.get()
    case .failure(let failure):
      throw self.failure(input.path, failure)
    }
  }

  /// The exit status that stands for "the helper ran out of memory".
  private static let outOfMemory: Int32 = -2

  private func failure(_ path: String, _ failure: HelperProcess.Failure) -> LRLensError {
    switch failure {
    case .signalled(let signal) where signal == cpuTimeLimitSignal:
      self.failure(path, "libhdf5 used more than \(Self.cpuSeconds) s of CPU time reading the file")
    case .signalled(let signal):
      self.failure(path, "libhdf5 crashed (\(signalName(signal))) reading the file")
    case .timedOut:
      self.failure(
        path, "libhdf5 did not finish reading the file within \(Self.timeout.components.seconds) s")
    case .exited(Self.outOfMemory):
      self.failure(path, "libhdf5 ran out of the memory lrlens allows it reading the file")
    case .exited(let status):
      self.failure(path, "the HDF5 helper stopped (exit status \(status)) reading the file")
    case .notStarted(let reason):
      self.failure(path, "cannot start the HDF5 helper: \(reason)", .internalFailure)
    }
  }

  private func failure(_ path: String, _ problem: String, _ kind: LRLensError.Kind = .badData)
    -> LRLensError
  {
    LRLensError(
      kind, at: InputLocation(path: path), problem: problem,
      fix: kind == .badData
        ? "check that the file is a complete, uncorrupted HDF5 file (libhdf5 cannot read it safely)"
        : "report this as a bug in lrlens")
  }

  /// Serves read requests on standard input and output until the input ends: the body of the
  /// helper process.
  ///
  /// - Returns: The process's exit status: 0 at the end of input, 70 on a broken request.
  package static func serve() -> Int32 {
    HelperSandbox.confine(openFiles: openFiles)
    while let message = HelperSandbox.readMessage(maximumSize: HelperProcess.maximumMessageSize) {
      var reader = HelperReader(message)
      guard let (input, options) = try? reader.request() else { return 70 }
      HelperSandbox.limitNextRequest(
        memory: baseMemory + memoryPerByte * input.bytes.count, cpuSeconds: cpuSeconds)
      let result: Result<ReadResult, LRLensError>
      do throws(LRLensError) {
        result = .success(try HDF5Reader().read(input, options: options))
      } catch {
        result = .failure(error)
      }
      var writer = HelperWriter()
      writer.answer(result)
      guard HelperSandbox.writeMessage(writer.bytes) else { return 74 }
    }
    return 0
  }
}
