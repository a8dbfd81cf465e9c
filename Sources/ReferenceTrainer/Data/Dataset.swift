/// A materialized dataset: one row of features per sample and its target.
///
/// Features are stored row-major in one contiguous array. Image datasets keep their shape
/// (`channels × height × width`, row-major within a channel) so a convolution can read them;
/// tabular datasets have shape `1 × 1 × features`.
package struct Dataset: Sendable, Equatable {
  /// What a sample's target is.
  package enum Targets: Sendable, Equatable {
    /// One class index in `0..<classCount` per sample.
    case classes(labels: [Int], classCount: Int)
    /// `width` real values per sample, row-major.
    case values([Double], width: Int)
  }

  /// The dataset's name, for example `digits`.
  package var name: String
  /// The number of channels of one sample.
  package var channels: Int
  /// The height of one sample.
  package var height: Int
  /// The width of one sample.
  package var width: Int
  /// `count × featureCount` values.
  package var features: [Double]
  /// The targets.
  package var targets: Targets

  /// The number of values per sample (`channels × height × width`).
  package var featureCount: Int { channels * height * width }

  /// The number of samples.
  package var count: Int { featureCount == 0 ? 0 : features.count / featureCount }

  /// The number of network outputs the targets need: the class count or the value width.
  package var outputCount: Int {
    switch targets {
    case .classes(_, let classCount): classCount
    case .values(_, let width): width
    }
  }

  /// Creates a dataset.
  ///
  /// - Parameters:
  ///   - name: The dataset's name.
  ///   - channels: The channels of one sample.
  ///   - height: The height of one sample.
  ///   - width: The width of one sample.
  ///   - features: `count × channels × height × width` values.
  ///   - targets: The targets, one entry (or `width` values) per sample.
  package init(
    name: String, channels: Int = 1, height: Int = 1, width: Int, features: [Double],
    targets: Targets
  ) {
    precondition(channels > 0 && height > 0 && width > 0, "empty sample shape")
    precondition(features.count % (channels * height * width) == 0, "ragged features")
    self.name = name
    self.channels = channels
    self.height = height
    self.width = width
    self.features = features
    self.targets = targets
  }

  /// The samples at `indices`, in that order.
  ///
  /// - Parameter indices: Sample indices in `0..<count`.
  /// - Returns: A dataset of the same shape.
  package func subset(_ indices: [Int]) -> Dataset {
    var rows: [Double] = []
    rows.reserveCapacity(indices.count * featureCount)
    for index in indices {
      rows += features[(index * featureCount)..<((index + 1) * featureCount)]
    }
    let newTargets: Targets
    switch targets {
    case .classes(let labels, let classCount):
      newTargets = .classes(labels: indices.map { labels[$0] }, classCount: classCount)
    case .values(let values, let valueWidth):
      var picked: [Double] = []
      picked.reserveCapacity(indices.count * valueWidth)
      for index in indices {
        picked += values[(index * valueWidth)..<((index + 1) * valueWidth)]
      }
      newTargets = .values(picked, width: valueWidth)
    }
    return Dataset(
      name: name, channels: channels, height: height, width: width, features: rows,
      targets: newTargets)
  }

  /// Splits the samples into training and validation sets, deterministically.
  ///
  /// Classification sets are split per class (stratified): each class's samples are shuffled
  /// and its first `round(fraction × classSize)` go to validation. Regression sets are shuffled
  /// once and cut. Both parts keep the shuffled order.
  ///
  /// - Parameters:
  ///   - validationFraction: The share of samples for validation, in [0, 1).
  ///   - seed: The seed of the shuffle.
  /// - Returns: The training and validation sets.
  package func split(validationFraction: Double, seed: UInt64) -> (
    training: Dataset, validation: Dataset
  ) {
    var generator = SeededGenerator(seed: seed, stream: 0x5350_4C49_54)
    var training: [Int] = []
    var validation: [Int] = []
    switch targets {
    case .classes(let labels, let classCount):
      var byClass = [[Int]](repeating: [], count: classCount)
      for (index, label) in labels.enumerated() {
        byClass[label].append(index)
      }
      for var members in byClass {
        generator.shuffle(&members)
        let cut = Self.validationCount(members.count, fraction: validationFraction)
        validation += members[..<cut]
        training += members[cut...]
      }
      generator.shuffle(&training)
      generator.shuffle(&validation)
    case .values:
      var all = Array(0..<count)
      generator.shuffle(&all)
      let cut = Self.validationCount(count, fraction: validationFraction)
      validation = Array(all[..<cut])
      training = Array(all[cut...])
    }
    return (subset(training), subset(validation))
  }

  /// How many of `count` samples go to validation: `fraction × count` rounded half up, at most
  /// `count − 1` so training keeps a sample.
  private static func validationCount(_ count: Int, fraction: Double) -> Int {
    guard count > 1, fraction > 0 else { return 0 }
    let wanted = (fraction * Double(count) + 0.5).rounded(.down)
    guard let cut = Int(exactly: wanted) else { return 0 }
    return Swift.min(Swift.max(cut, 0), count - 1)
  }
}
