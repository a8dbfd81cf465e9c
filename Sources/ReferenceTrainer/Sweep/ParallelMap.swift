internal import Foundation
internal import LRLensCore

/// Maps over an array on all cores and returns the results in the array's order.
enum ParallelMap {
  /// Applies `transform` to every element concurrently.
  ///
  /// - Parameters:
  ///   - elements: The inputs.
  ///   - transform: The work for one input; it runs concurrently with itself.
  /// - Returns: The outputs, in input order.
  /// - Throws: The error of the first input (in input order) whose transform failed.
  static func map<Element: Sendable, Output: Sendable>(
    _ elements: [Element],
    _ transform: @escaping @Sendable (Element) throws(LRLensError) -> Output
  ) throws(LRLensError) -> [Output] {
    let slots = Slots<Output>(count: elements.count)
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
      do throws(LRLensError) {
        slots.store(.success(try transform(elements[index])), at: index)
      } catch {
        slots.store(.failure(error), at: index)
      }
    }
    return try slots.values.map { result throws(LRLensError) in try result.get() }
  }
}

/// Results written from many threads, one slot each.
private final class Slots<Output: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<Output, LRLensError>?]

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func store(_ result: Result<Output, LRLensError>, at index: Int) {
    lock.lock()
    defer { lock.unlock() }
    results[index] = result
  }

  // Every slot is filled once concurrentPerform returns.
  var values: [Result<Output, LRLensError>] {
    lock.lock()
    defer { lock.unlock() }
    return results.map {
      $0
        ?? .failure(
          LRLensError(
            .internalFailure, at: InputLocation(path: "<sweep>"), problem: "a run left no result",
            fix: "report this as a bug"))
    }
  }
}
