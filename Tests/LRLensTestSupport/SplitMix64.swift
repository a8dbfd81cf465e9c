import LRLens

/// The seeded SplitMix64 generator randomized tests use.
///
/// It is the reference trainer's generator; tests print the seed on failure, so a failing run
/// can be repeated with it.
public typealias SplitMix64 = SeededGenerator
