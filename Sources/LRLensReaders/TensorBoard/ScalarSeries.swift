internal import LRLensCore

/// How a tag's values are stored.
struct ScalarKinds: OptionSet {
  let rawValue: UInt8
  static let simpleFloat = ScalarKinds(rawValue: 1)
  static let tensorFloat = ScalarKinds(rawValue: 2)
  static let tensorDouble = ScalarKinds(rawValue: 4)

  /// The inventory's type: `simple_value float32`, or several joined by `, `.
  var description: String {
    var names: [String] = []
    if contains(.simpleFloat) { names.append("simple_value float32") }
    if contains(.tensorFloat) { names.append("tensor float32") }
    if contains(.tensorDouble) { names.append("tensor float64") }
    return names.joined(separator: ", ")
  }
}

/// One tag's scalar values in file order, then (after `normalize`) one per step in step order.
struct ScalarSeries {
  var name: String
  var steps: [Int64] = []
  var values: [Double] = []
  var kinds: ScalarKinds = []
  /// The number of steps that had several values, of which the last was kept.
  var duplicateSteps = 0

  /// Sorts by step (stably) and keeps the last value written at each step.
  mutating func normalize() {
    let isStrictlyIncreasing = zip(steps, steps.dropFirst()).allSatisfy { $0 < $1 }
    guard !isStrictlyIncreasing else { return }
    let order = steps.indices.sorted {
      steps[$0] < steps[$1] || (steps[$0] == steps[$1] && $0 < $1)
    }
    var keptSteps: [Int64] = []
    var keptValues: [Double] = []
    keptSteps.reserveCapacity(order.count)
    keptValues.reserveCapacity(order.count)
    for index in order {
      if keptSteps.last == steps[index] {
        keptValues[keptValues.count - 1] = values[index]
      } else {
        keptSteps.append(steps[index])
        keptValues.append(values[index])
      }
    }
    duplicateSteps = countDuplicateSteps(order)
    steps = keptSteps
    values = keptValues
  }

  /// The number of distinct steps that appear more than once, given the sorted order.
  private func countDuplicateSteps(_ order: [Int]) -> Int {
    var count = 0
    var previous: Int64?
    var counted = false
    for index in order {
      let step = steps[index]
      if step == previous {
        if !counted { count += 1 }
        counted = true
      } else {
        counted = false
      }
      previous = step
    }
    return count
  }

  /// `'train_loss' (86 values)`, for messages.
  var quoted: String {
    "'\(CellParser.excerpt(name))' (\(steps.count) value\(steps.count == 1 ? "" : "s"))"
  }
}
