import ArgumentParser
import Foundation
import LRLens
import LRLensValidation
import ReferenceTrainer

/// The flags that set up an LR sweep (`sweep` and `validate`).
struct SweepFlags: ParsableArguments {
  @Option(help: "The smallest learning rate of the sweep grid.")
  var minLR: Double = 1e-5

  @Option(help: "The largest learning rate of the sweep grid.")
  var maxLR: Double = 10

  @Option(help: "How many log-spaced learning rates the grid holds (both ends included).")
  var points: Int = 25

  @Option(
    help: ArgumentHelp(
      "The seeds of the sweep's runs, comma-separated; results are averaged over them.",
      valueName: "list"))
  var seeds: String = "1,2,3"

  @Option(help: "How many batches each sweep run trains.")
  var steps: Int = 300

  @Option(help: "The share of the best rate's improvement a good rate may give up (0 to 1).")
  var tolerance: Double = 0.05

  @Flag(help: "Train only constant learning rates, not one-cycle schedules too.")
  var noOneCycle = false

  mutating func validate() throws {
    guard (1...1000).contains(points) else {
      throw ValidationError("--points must be between 1 and 1000, got \(points)")
    }
    guard parsedSeeds != nil else {
      throw ValidationError("--seeds must be comma-separated whole numbers, got '\(seeds)'")
    }
  }

  /// The seeds as numbers, or `nil` when the list does not parse.
  var parsedSeeds: [UInt64]? {
    let parts = seeds.split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
    guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
    return parts.compactMap { $0 }
  }

  /// The sweep settings.
  var settings: SweepSettings {
    SweepSettings(
      learningRates: TrainingTask.logSpacedLearningRates(from: minLR, to: maxLR, count: points),
      seeds: parsedSeeds ?? [1], steps: steps, includesOneCycle: !noOneCycle,
      tolerance: tolerance)
  }
}

extension FinderStyle: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension RangeTestSettings.StepMode: ExpressibleByArgument {}

/// The text `--help` shows about the tasks: each name with its summary.
enum TaskHelp {
  /// One line per registered task.
  static var list: String {
    TrainingTask.all.map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
  }

  /// Looks a task up by name.
  ///
  /// - Parameter name: The name given with `--task`.
  /// - Returns: The task.
  /// - Throws: `ValidationError` listing the names when none matches.
  static func task(named name: String) throws -> TrainingTask {
    guard let task = TrainingTask.named(name) else {
      throw ValidationError("no task named '\(name)'; the tasks are:\n\(list)")
    }
    return task
  }
}
