internal import LRLensCore

/// A recipe for a dataset: which data, how many samples, how much noise, and the seed.
///
/// Synthetic sets are generated from `seed` alone, so the same spec always gives the same
/// samples; the training seed (weights, batch order) is separate. `labelNoise` is the share of
/// classification labels replaced by a uniformly drawn class (which may be the same one), or
/// the standard deviation of the Gaussian noise added to regression targets.
package struct DatasetSpec: Sendable, Hashable {
  /// The kind of data.
  package enum Kind: Sendable, Hashable {
    /// The 1,797 UCI 8×8 digits (`DigitsData`), 10 classes, image-shaped; `samples` and
    /// `inputNoise` are ignored.
    case digits
    /// scikit-learn's `make_moons`: two interleaving half circles, 2 features, 2 classes.
    case moons
    /// Interleaved arms of a spiral (`classes` arms), 2 features.
    case spirals(classes: Int)
    /// Isotropic Gaussian blobs around centers drawn uniformly in [−5, 5]^features.
    case blobs(classes: Int, features: Int)
    /// `y = x · w + 0.5` with `x ~ N(0, I)` and fixed weights `w ~ N(0, 1)`, one target.
    case linearRegression(features: Int)
  }

  /// The kind of data.
  package var kind: Kind
  /// The number of samples to generate (ignored for digits).
  package var samples: Int
  /// The feature noise: the standard deviation added to moons and spirals coordinates, the
  /// blobs' standard deviation around their centers; unused for digits and regression.
  package var inputNoise: Double
  /// The share of labels replaced at random (classification), or the target noise's standard
  /// deviation (regression).
  package var labelNoise: Double
  /// The seed of the generator, the label noise and the train/validation split.
  package var seed: UInt64
  /// The share of samples held out for validation.
  package var validationFraction: Double

  /// Creates a dataset recipe.
  ///
  /// - Parameters:
  ///   - kind: The kind of data.
  ///   - samples: The number of samples (ignored for digits).
  ///   - inputNoise: The feature noise.
  ///   - labelNoise: The label or target noise.
  ///   - seed: The seed of the data and the split.
  ///   - validationFraction: The share held out for validation.
  package init(
    kind: Kind, samples: Int = 1000, inputNoise: Double = 0.1, labelNoise: Double = 0,
    seed: UInt64 = 0, validationFraction: Double = 0.2
  ) {
    self.kind = kind
    self.samples = samples
    self.inputNoise = inputNoise
    self.labelNoise = labelNoise
    self.seed = seed
    self.validationFraction = validationFraction
  }

  /// The dataset's short name, for example `moons` or `blobs4x2`.
  package var name: String {
    switch kind {
    case .digits: "digits"
    case .moons: "moons"
    case .spirals(let classes): "spirals\(classes)"
    case .blobs(let classes, let features): "blobs\(classes)x\(features)"
    case .linearRegression(let features): "linear\(features)"
    }
  }

  /// Generates (or loads) every sample.
  ///
  /// - Returns: The dataset, before the train/validation split.
  package func makeDataset() -> Dataset {
    var generator = SeededGenerator(seed: seed, stream: 0x4441_5441)
    var dataset: Dataset
    switch kind {
    case .digits:
      dataset = DigitsData.embedded
    case .moons:
      dataset = Self.moons(samples: samples, noise: inputNoise, generator: &generator)
    case .spirals(let classes):
      dataset = Self.spirals(
        samples: samples, classes: classes, noise: inputNoise, generator: &generator)
    case .blobs(let classes, let features):
      dataset = Self.blobs(
        samples: samples, classes: classes, features: features, deviation: inputNoise,
        generator: &generator)
    case .linearRegression(let features):
      dataset = Self.linearRegression(
        samples: samples, features: features, noise: labelNoise, generator: &generator)
    }
    if labelNoise > 0, case .classes(var labels, let classCount) = dataset.targets {
      var noise = SeededGenerator(seed: seed, stream: 0x4E4F_4953_45)
      for index in labels.indices where noise.nextUnit() < labelNoise {
        labels[index] = noise.nextIndex(below: classCount)
      }
      dataset.targets = .classes(labels: labels, classCount: classCount)
    }
    return dataset
  }

  /// The deterministic training and validation sets.
  ///
  /// - Returns: Both sets, split by `Dataset.split(validationFraction:seed:)`.
  package func makeSplit() -> (training: Dataset, validation: Dataset) {
    makeDataset().split(validationFraction: validationFraction, seed: seed)
  }

  /// `make_moons`: the outer moon `(cos t, sin t)` and the inner moon `(1 − cos t, ½ − sin t)`
  /// for `t` evenly spaced in [0, π], plus Gaussian noise; the outer moon comes first.
  private static func moons(samples: Int, noise: Double, generator: inout SeededGenerator)
    -> Dataset
  {
    let outer = (samples + 1) / 2
    let inner = samples - outer
    var features: [Double] = []
    var labels: [Int] = []
    features.reserveCapacity(samples * 2)
    func angle(_ index: Int, of count: Int) -> Double {
      count > 1 ? Double.pi * Double(index) / Double(count - 1) : 0
    }
    for index in 0..<samples {
      let isOuter = index < outer
      let position = isOuter ? index : index - outer
      let x: Double
      let y: Double
      if isOuter {
        let t = angle(position, of: outer)
        x = LibM.cosine(t)
        y = LibM.sine(t)
      } else {
        let t = angle(position, of: inner)
        x = 1 - LibM.cosine(t)
        y = 0.5 - LibM.sine(t)
      }
      features.append(x + noise * generator.nextGaussian())
      features.append(y + noise * generator.nextGaussian())
      labels.append(isOuter ? 0 : 1)
    }
    return Dataset(
      name: "moons", width: 2, features: features,
      targets: .classes(labels: labels, classCount: 2))
  }

  /// Spirals: arm `k` has radius `r` evenly spaced in [0, 1] and angle
  /// `4k + 4r + noise·N(0, 1)` (radians), point `r · (sin θ, cos θ)`.
  private static func spirals(
    samples: Int, classes: Int, noise: Double, generator: inout SeededGenerator
  ) -> Dataset {
    let arms = Swift.max(classes, 1)
    var features: [Double] = []
    var labels: [Int] = []
    features.reserveCapacity(samples * 2)
    let perArm = Swift.max(1, samples / arms)
    for index in 0..<samples {
      let arm = index % arms
      let step = Swift.min(index / arms, perArm - 1)
      let radius = perArm > 1 ? Double(step) / Double(perArm - 1) : 0
      let theta = 4 * Double(arm) + 4 * radius + noise * generator.nextGaussian()
      features.append(radius * LibM.sine(theta))
      features.append(radius * LibM.cosine(theta))
      labels.append(arm)
    }
    return Dataset(
      name: "spirals", width: 2, features: features,
      targets: .classes(labels: labels, classCount: arms))
  }

  /// Gaussian blobs: centers uniform in [−5, 5]^features, samples dealt to classes in turn.
  private static func blobs(
    samples: Int, classes: Int, features: Int, deviation: Double,
    generator: inout SeededGenerator
  ) -> Dataset {
    let classCount = Swift.max(classes, 1)
    let width = Swift.max(features, 1)
    var centers: [Double] = []
    for _ in 0..<(classCount * width) {
      centers.append(generator.nextUniform(-5, 5))
    }
    var values: [Double] = []
    var labels: [Int] = []
    values.reserveCapacity(samples * width)
    for index in 0..<samples {
      let label = index % classCount
      for feature in 0..<width {
        values.append(centers[label * width + feature] + deviation * generator.nextGaussian())
      }
      labels.append(label)
    }
    return Dataset(
      name: "blobs", width: width, features: values,
      targets: .classes(labels: labels, classCount: classCount))
  }

  /// Linear regression: `y = x · w + 0.5 + noise·N(0, 1)`.
  private static func linearRegression(
    samples: Int, features: Int, noise: Double, generator: inout SeededGenerator
  ) -> Dataset {
    let width = Swift.max(features, 1)
    var weights: [Double] = []
    for _ in 0..<width {
      weights.append(generator.nextGaussian())
    }
    var values: [Double] = []
    var targets: [Double] = []
    values.reserveCapacity(samples * width)
    for _ in 0..<samples {
      var sum = 0.5
      for feature in 0..<width {
        let value = generator.nextGaussian()
        values.append(value)
        sum += value * weights[feature]
      }
      targets.append(sum + noise * generator.nextGaussian())
    }
    return Dataset(
      name: "linear", width: width, features: values, targets: .values(targets, width: 1))
  }
}
