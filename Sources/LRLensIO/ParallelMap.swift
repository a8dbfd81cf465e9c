internal import Foundation
package import LRLensCore

/// Runs one operation over many inputs on all cores and hands the results back in input order.
///
/// Inputs are processed in chunks of ``chunkSize``: each chunk runs in parallel, then its results
/// are handed back in order before the next chunk starts, so output streams in input order
/// whatever the parallelism, and memory stays bounded by one chunk. Two failure policies share
/// that machinery: ``forEachResult(_:progress:transform:deliver:)`` hands back every input's
/// success or failure (a batch of files, where one bad file must not stop the others), and
/// ``map(_:_:)`` returns every output or throws the first failure in input order (a sweep, where
/// one failed run spoils the whole result).
package enum ParallelMap {
  /// How many inputs one parallel chunk holds.
  package static let chunkSize = 256

  /// Runs `transform` on every element and delivers each result in input order.
  ///
  /// - Parameters:
  ///   - elements: The inputs, in order.
  ///   - progress: Called (from any thread) with the number of inputs finished so far.
  ///   - transform: The work for one input; it runs concurrently with itself.
  ///   - deliver: Called on the caller's thread with each input's index, the input and its
  ///     result, in input order.
  package static func forEachResult<Element: Sendable, Output: Sendable>(
    _ elements: [Element], progress: (@Sendable (Int) -> Void)? = nil,
    transform: @escaping @Sendable (Element) throws(LRLensError) -> Output,
    deliver: (Int, Element, Result<Output, LRLensError>) -> Void
  ) {
    let finished = Counter()
    var start = 0
    while start < elements.count {
      let chunk = Array(elements[start..<min(start + chunkSize, elements.count)])
      let slots = ResultSlots<Output>(count: chunk.count)
      DispatchQueue.concurrentPerform(iterations: chunk.count) { index in
        let result: Result<Output, LRLensError>
        do throws(LRLensError) {
          result = .success(try transform(chunk[index]))
        } catch {
          result = .failure(error)
        }
        slots.store(result, at: index)
        progress?(finished.increment())
      }
      for (offset, result) in slots.values.enumerated() {
        deliver(start + offset, chunk[offset], result)
      }
      start += chunk.count
    }
  }

  /// Applies `transform` to every element concurrently and returns the outputs in input order.
  ///
  /// Every element is transformed, even after one fails, so the error reported does not depend
  /// on scheduling.
  ///
  /// - Parameters:
  ///   - elements: The inputs.
  ///   - transform: The work for one input; it runs concurrently with itself.
  /// - Returns: The outputs, in input order.
  /// - Throws: The error of the first input (in input order) whose transform failed.
  package static func map<Element: Sendable, Output: Sendable>(
    _ elements: [Element],
    _ transform: @escaping @Sendable (Element) throws(LRLensError) -> Output
  ) throws(LRLensError) -> [Output] {
    var results: [Result<Output, LRLensError>] = []
    results.reserveCapacity(elements.count)
    forEachResult(elements, transform: transform) { _, _, result in results.append(result) }
    return try results.map { result throws(LRLensError) in try result.get() }
  }
}

/// A thread-safe counter.
private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0

  /// Adds one and returns the new value.
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}

/// One result slot per input of a chunk, filled concurrently.
private final class ResultSlots<Output: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Output, LRLensError>?]

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  /// Stores the result of input `index`.
  func store(_ result: Result<Output, LRLensError>, at index: Int) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = result
  }

  // Every slot is filled once concurrentPerform returns, so the fallback is unreachable.
  var values: [Result<Output, LRLensError>] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map {
      $0
        ?? .failure(
          LRLensError(
            .internalFailure, at: InputLocation(path: "-"), problem: "a result went missing",
            fix: "report this as a bug in lrlens"))
    }
  }
}
