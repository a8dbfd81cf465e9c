package import LRLensCore

/// What `lrlens sweep` trains: the grid of learning rates, the seeds, the budget, and how close
/// to the best a learning rate must come to count as good.
package struct SweepSettings: Sendable, Hashable {
  /// The learning rates to train at, ascending.
  package var learningRates: [Double]
  /// The seeds; each learning rate is trained once per seed from that seed's initial weights.
  package var seeds: [UInt64]
  /// The number of batches each run trains.
  package var steps: Int
  /// Whether to train a one-cycle schedule (peak at each grid rate) as well as a constant rate.
  package var includesOneCycle: Bool
  /// The share of the achievable improvement a good learning rate may give up.
  ///
  /// A rate is good when its mean validation loss is at most
  /// `best + tolerance × (initial − best)`, where `initial` is the untrained model's mean
  /// validation loss: it keeps at least `1 − tolerance` of the best rate's improvement.
  package var tolerance: Double

  /// Creates settings.
  ///
  /// - Parameters:
  ///   - learningRates: The grid, ascending.
  ///   - seeds: The seeds.
  ///   - steps: The batches per run.
  ///   - includesOneCycle: Whether to also train one-cycle schedules.
  ///   - tolerance: The share of the achievable improvement a good rate may give up.
  package init(
    learningRates: [Double], seeds: [UInt64], steps: Int, includesOneCycle: Bool = true,
    tolerance: Double = 0.05
  ) {
    self.learningRates = learningRates
    self.seeds = seeds
    self.steps = steps
    self.includesOneCycle = includesOneCycle
    self.tolerance = tolerance
  }

  /// Checks the settings.
  ///
  /// - Throws: `LRLensError.Kind.usage` naming the setting when the grid is empty, unsorted or
  ///   not positive and finite, there is no seed, the steps are out of range, or the tolerance
  ///   is outside [0, 1].
  package func validate() throws(LRLensError) {
    func fail(_ setting: String, _ problem: String, _ fix: String) -> LRLensError {
      LRLensError(
        .usage, at: InputLocation(path: "<sweep>", detail: setting), problem: problem, fix: fix)
    }
    guard !learningRates.isEmpty,
      learningRates.allSatisfy({ $0 > 0 && $0.isFinite }),
      zip(learningRates, learningRates.dropFirst()).allSatisfy({ $0 < $1 })
    else {
      throw fail(
        "learning rates", "expected ascending, positive, finite learning rates",
        "pass a grid such as --min-lr 1e-5 --max-lr 10 --points 25")
    }
    guard !seeds.isEmpty else {
      throw fail("seeds", "expected at least one seed", "pass --seeds 1,2,3")
    }
    guard (1...1_000_000).contains(steps) else {
      throw fail("steps", "expected 1 to 1000000 steps, found \(steps)", "pass --steps 300")
    }
    guard (0...1).contains(tolerance) else {
      throw fail(
        "tolerance", "expected a tolerance from 0 to 1, found \(tolerance)",
        "pass --tolerance 0.05")
    }
  }
}
