import LRLensCore
import LRLensTestSupport
import Testing

@testable import ReferenceTrainer

/// The digits, the synthetic sets and the split.
@Suite struct DatasetTests {
  @Test func digitsHaveTheirKnownShapeClassesAndChecksum() throws {
    let digits = DigitsData.embedded
    #expect(digits.count == 1797)
    #expect(digits.channels == 1 && digits.height == 8 && digits.width == 8)
    guard case .classes(let labels, let classCount) = digits.targets else {
      Issue.record("digits are not a classification set")
      return
    }
    #expect(classCount == 10)
    let counts = (0..<10).map { label in labels.filter { $0 == label }.count }
    #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    #expect(digits.features.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(DigitsData.checksum(of: digits) == 0x7768_69CC_E379_5967)
    #expect(DigitsData.expectedChecksum == 0x7768_69CC_E379_5967)
  }

  @Test func theCSVExportHoldsTheSameDigits() throws {
    let fromFile = try DigitsData.load(csvAt: Fixtures.url("data/digits.csv").path)
    #expect(fromFile == DigitsData.embedded)
  }

  @Test func aMissingCSVIsACannotOpenError() {
    do {
      _ = try DigitsData.load(csvAt: "/nonexistent/digits.csv")
      Issue.record("a missing file was read")
    } catch {
      #expect(error.kind == .cannotOpenInput)
    }
  }

  /// One synthetic recipe with its expected shape.
  struct Synthetic: CustomTestStringConvertible, Sendable {
    var spec: DatasetSpec
    var features: Int
    var outputs: Int
    var testDescription: String { spec.name }
  }

  static let synthetic: [Synthetic] = [
    Synthetic(
      spec: DatasetSpec(kind: .moons, samples: 101, inputNoise: 0.1), features: 2, outputs: 2),
    Synthetic(
      spec: DatasetSpec(kind: .spirals(classes: 3), samples: 90, inputNoise: 0.2), features: 2,
      outputs: 3),
    Synthetic(
      spec: DatasetSpec(kind: .blobs(classes: 4, features: 5), samples: 80, inputNoise: 1),
      features: 5, outputs: 4),
    Synthetic(
      spec: DatasetSpec(kind: .linearRegression(features: 3), samples: 50, labelNoise: 0.1),
      features: 3, outputs: 1),
  ]

  @Test(arguments: synthetic)
  func syntheticSetsHaveTheirShapeAndFollowTheSeed(_ recipe: Synthetic) {
    let data = recipe.spec.makeDataset()
    #expect(data.count == recipe.spec.samples)
    #expect(data.featureCount == recipe.features)
    #expect(data.outputCount == recipe.outputs)
    #expect(data.features.allSatisfy { $0.isFinite })
    #expect(recipe.spec.makeDataset() == data)
    var other = recipe.spec
    other.seed += 1
    #expect(other.makeDataset() != data)
  }

  @Test func labelNoiseReplacesAboutThatShareOfLabels() {
    let clean = DatasetSpec(kind: .blobs(classes: 4, features: 2), samples: 2000)
    var noisy = clean
    noisy.labelNoise = 0.2
    guard case .classes(let original, _) = clean.makeDataset().targets,
      case .classes(let changed, _) = noisy.makeDataset().targets
    else {
      Issue.record("blobs are not a classification set")
      return
    }
    let differing = zip(original, changed).filter { $0 != $1 }.count
    // 20 % are redrawn uniformly among 4 classes, so about 15 % end up different.
    #expect(differing > 200 && differing < 400, "\(differing) labels changed")
  }

  @Test func theSplitIsStratifiedDisjointAndDeterministic() {
    let spec = DatasetSpec(kind: .digits)
    let split = spec.makeSplit()
    #expect(split.training.count + split.validation.count == 1797)
    guard case .classes(let labels, _) = split.validation.targets else {
      Issue.record("no classes")
      return
    }
    let counts = (0..<10).map { label in labels.filter { $0 == label }.count }
    let expected = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180].map {
      Int((0.2 * Double($0) + 0.5).rounded(.down))
    }
    #expect(counts == expected)
    #expect(spec.makeSplit().training == split.training)
    let regression = DatasetSpec(kind: .linearRegression(features: 2), samples: 100).makeSplit()
    #expect(regression.training.count == 80 && regression.validation.count == 20)
  }
}
