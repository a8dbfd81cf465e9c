import Testing

@testable import ReferenceTrainer

/// Seeded shuffles, epochs and the three ways of cutting batches.
@Suite struct BatchSamplerTests {
  @Test func everyEpochIsAFreshPermutationWithTheLastBatchKept() {
    var sampler = BatchSampler(
      sampleCount: 10, batchSize: 4, policy: .epochs(dropsLast: false), seed: 1)
    #expect(sampler.batchesPerEpoch == 3)
    var epochs: [[Int]] = [[], []]
    var sizes: [Int] = []
    for _ in 0..<6 {
      let batch = sampler.next()
      epochs[batch.epoch] += batch.indices
      sizes.append(batch.indices.count)
    }
    #expect(sizes == [4, 4, 2, 4, 4, 2])
    #expect(epochs[0].sorted() == Array(0..<10) && epochs[1].sorted() == Array(0..<10))
    #expect(epochs[0] != epochs[1], "each epoch reshuffles")
  }

  @Test func dropLastSkipsThePartialBatch() {
    var sampler = BatchSampler(
      sampleCount: 10, batchSize: 4, policy: .epochs(dropsLast: true), seed: 1)
    #expect(sampler.batchesPerEpoch == 2)
    let batches = (0..<4).map { _ in sampler.next() }
    #expect(batches.map(\.indices.count) == [4, 4, 4, 4])
    #expect(batches.map(\.epoch) == [0, 0, 1, 1])
    #expect(batches.map(\.indexInEpoch) == [0, 1, 0, 1])
  }

  @Test func theContinuousStreamCutsFullBatchesAcrossEpochs() {
    var sampler = BatchSampler(sampleCount: 10, batchSize: 4, policy: .continuous, seed: 2)
    let stream = (0..<5).flatMap { _ in sampler.next().indices }
    #expect(stream.count == 20)
    #expect(Array(stream[0..<10]).sorted() == Array(0..<10))
    #expect(Array(stream[10..<20]).sorted() == Array(0..<10))
  }

  @Test func theSameSeedDealsTheSameBatches() {
    var first = BatchSampler(sampleCount: 50, batchSize: 8, policy: .continuous, seed: 9)
    var second = BatchSampler(sampleCount: 50, batchSize: 8, policy: .continuous, seed: 9)
    var third = BatchSampler(sampleCount: 50, batchSize: 8, policy: .continuous, seed: 10)
    let a = (0..<10).map { _ in Array(first.next().indices) }
    let b = (0..<10).map { _ in Array(second.next().indices) }
    let c = (0..<10).map { _ in Array(third.next().indices) }
    #expect(a == b)
    #expect(a != c)
  }
}
