import Foundation
import LRLensCore
import LRLensIO
import Testing

@Suite struct ParallelMapTests {
  @Test func forEachResultDeliversEveryResultInInputOrder() {
    let paths = (0..<1000).map { "input-\($0)" }
    let finished = Locked(0)
    var delivered: [Int] = []
    ParallelMap.forEachResult(
      paths, progress: { count in finished.set(max(finished.value, count)) }
    ) {
      path throws(LRLensError) -> Int in
      guard let number = Int(path.dropFirst(6)) else {
        throw LRLensError(.badData, at: InputLocation(path: path), problem: "x", fix: "y")
      }
      if number % 7 == 0 {
        throw LRLensError(.badData, at: InputLocation(path: path), problem: "seven", fix: "y")
      }
      return number
    } deliver: { index, path, result in
      #expect(path == paths[index])
      switch result {
      case .success(let number): #expect(number == index)
      case .failure(let error): #expect(index % 7 == 0 && error.problem == "seven")
      }
      delivered.append(index)
    }
    #expect(delivered == Array(0..<1000))
    #expect(finished.value == 1000)
  }

  @Test func mapThrowsTheFirstFailureInInputOrder() {
    let inputs = Array(0..<600)
    #expect {
      _ = try ParallelMap.map(inputs) { number throws(LRLensError) -> Int in
        guard number % 250 != 249 else {
          throw LRLensError(
            .badData, at: InputLocation(path: "input-\(number)"), problem: "late", fix: "y")
        }
        return number
      }
    } throws: { error in
      (error as? LRLensError)?.location.path == "input-249"
    }
  }

  @Test func mapReturnsOutputsInInputOrder() throws {
    let inputs = Array(0..<600)
    #expect(
      try ParallelMap.map(inputs) { number throws(LRLensError) in number * 2 }
        == inputs.map { $0 * 2 })
  }
}

/// A value shared between threads.
final class Locked<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value

  init(_ value: Value) { stored = value }

  var value: Value {
    lock.lock()
    defer { lock.unlock() }
    return stored
  }

  func set(_ value: Value) {
    lock.lock()
    defer { lock.unlock() }
    stored = value
  }
}
