/// Deals mini-batches of sample indices from a seeded shuffle, reshuffling at every epoch.
///
/// Each epoch is a fresh Fisher–Yates permutation drawn from the sampler's own generator, the
/// way a PyTorch `DataLoader(shuffle=True)` draws a new `randperm` per epoch.
package struct BatchSampler {
  /// How batches are cut from the shuffled stream.
  package enum Policy: Sendable, Hashable {
    /// Each epoch is cut into batches; the last, smaller batch is kept (PyTorch and Keras
    /// defaults) or dropped (fastai's training `DataLoader`, `drop_last=True`).
    case epochs(dropsLast: Bool)
    /// One continuous stream of shuffled epochs cut into full batches that may straddle an
    /// epoch boundary (the `ContinuousBatchSampler` of the MXNet Gluon finder tutorial).
    case continuous
  }

  /// One batch.
  package struct Batch {
    /// The sample indices.
    package var indices: ArraySlice<Int>
    /// The 0-based epoch the batch started in.
    package var epoch: Int
    /// The 0-based index of the batch within its epoch (with `.continuous`, the index since
    /// the first batch).
    package var indexInEpoch: Int
  }

  /// The number of samples.
  package let sampleCount: Int
  /// The batch size.
  package let batchSize: Int
  /// How batches are cut.
  package let policy: Policy
  private var generator: SeededGenerator
  private var order: [Int]
  private var position = 0
  private var epoch = -1
  private var indexInEpoch = 0

  /// Creates a sampler; no permutation is drawn until the first batch.
  ///
  /// - Parameters:
  ///   - sampleCount: The number of samples, at least 1.
  ///   - batchSize: The batch size, from 1 to `sampleCount`.
  ///   - policy: How batches are cut.
  ///   - seed: The seed of the shuffles.
  package init(sampleCount: Int, batchSize: Int, policy: Policy, seed: UInt64) {
    precondition(sampleCount > 0 && batchSize > 0 && batchSize <= sampleCount, "bad batch size")
    self.sampleCount = sampleCount
    self.batchSize = batchSize
    self.policy = policy
    generator = SeededGenerator(seed: seed, stream: 0x4241_5443_48)
    order = Array(0..<sampleCount)
    position = sampleCount
  }

  /// The number of batches in one epoch.
  package var batchesPerEpoch: Int {
    switch policy {
    case .epochs(let dropsLast):
      dropsLast ? sampleCount / batchSize : (sampleCount + batchSize - 1) / batchSize
    case .continuous:
      Swift.max(1, sampleCount / batchSize)
    }
  }

  private mutating func startEpoch() {
    order = Array(0..<sampleCount)
    generator.shuffle(&order)
    position = 0
    epoch += 1
  }

  /// The next batch.
  ///
  /// - Returns: The batch.
  package mutating func next() -> Batch {
    switch policy {
    case .epochs(let dropsLast):
      let remaining = sampleCount - position
      if remaining == 0 || (dropsLast && remaining < batchSize) {
        startEpoch()
        indexInEpoch = 0
      }
      let end = Swift.min(position + batchSize, sampleCount)
      let batch = Batch(indices: order[position..<end], epoch: epoch, indexInEpoch: indexInEpoch)
      position = end
      indexInEpoch += 1
      return batch
    case .continuous:
      if position == sampleCount {
        startEpoch()
      }
      let batchEpoch = epoch
      var indices: [Int] = []
      indices.reserveCapacity(batchSize)
      while indices.count < batchSize {
        if position == sampleCount {
          startEpoch()
        }
        let take = Swift.min(batchSize - indices.count, sampleCount - position)
        indices += order[position..<(position + take)]
        position += take
      }
      let batch = Batch(indices: indices[...], epoch: batchEpoch, indexInEpoch: indexInEpoch)
      indexInEpoch += 1
      return batch
    }
  }
}
