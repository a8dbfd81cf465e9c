package import LRLensCore

#if canImport(FoundationEssentials)
  internal import FoundationEssentials
#else
  internal import Foundation
#endif

/// The 8×8 handwritten digits: 1,797 grey-scale images with pixels 0–16 and labels 0–9.
///
/// This is the test set of the UCI "Optical Recognition of Handwritten Digits" data (E. Alpaydin
/// and C. Kaynak, UCI Machine Learning Repository, https://doi.org/10.24432/C50P49), the version
/// scikit-learn bundles as `load_digits`, licensed CC BY 4.0. `scripts/fixtures/export_digits.py`
/// exported it once to `fixtures/data/digits.csv` and to a base64 literal compiled into this
/// module, so no download happens and the trainer works from any directory.
///
/// Features are the pixels divided by 16 (in [0, 1]), shaped `1 × 8 × 8`.
package enum DigitsData {
  /// The number of samples.
  package static let sampleCount = 1797

  /// The environment variable naming a folder that holds `digits.csv` to use instead of the
  /// compiled-in copy.
  package static let environmentVariable = "LRLENS_DATA"

  /// The compiled-in digits.
  package static let embedded: Dataset = {
    // The literal is generated, and DatasetTests compares it with fixtures/data/digits.csv, so
    // no input can make it undecodable.
    guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
      preconditionFailure("the compiled-in digits are not base64")
    }
    return dataset(fromRecords: Array(data))
  }()

  /// The digits from `$LRLENS_DATA/digits.csv` when that variable is set, else the compiled-in
  /// copy.
  ///
  /// - Returns: The dataset.
  /// - Throws: `LRLensError` (`cannotOpenInput` or `badData`) when the variable is set but the
  ///   file is missing or malformed.
  package static func load() throws(LRLensError) -> Dataset {
    guard let folder = ProcessInfo.processInfo.environment[environmentVariable], !folder.isEmpty
    else { return embedded }
    let separator = folder.hasSuffix("/") ? "" : "/"
    return try load(csvAt: folder + separator + "digits.csv")
  }

  /// Reads the digits from a CSV file in the layout the export script writes: a header, then per
  /// line 64 integer pixels (0–16) and the label (0–9).
  ///
  /// - Parameter path: The file's path.
  /// - Returns: The dataset.
  /// - Throws: `LRLensError.Kind.cannotOpenInput` if the file cannot be read,
  ///   `LRLensError.Kind.badData` naming the line if a row is malformed.
  package static func load(csvAt path: String) throws(LRLensError) -> Dataset {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw LRLensError(
        .cannotOpenInput, at: InputLocation(path: path),
        problem: "cannot read the digits CSV", fix: "run scripts/fixtures/export_digits.py")
    }
    var records: [UInt8] = []
    records.reserveCapacity(sampleCount * 65)
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      if lineNumber == 1 || line.isEmpty { continue }
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count == 65 else {
        throw LRLensError(
          .badData, at: InputLocation(path: path, line: lineNumber),
          problem: "expected 65 fields (64 pixels and a label), found \(fields.count)",
          fix: "regenerate the file with scripts/fixtures/export_digits.py")
      }
      for (column, field) in fields.enumerated() {
        let limit = column == 64 ? 9 : 16
        guard let value = UInt8(field), value <= limit else {
          throw LRLensError(
            .badData, at: InputLocation(path: path, line: lineNumber, column: column + 1),
            problem: "expected an integer from 0 to \(limit), found '\(field)'",
            fix: "regenerate the file with scripts/fixtures/export_digits.py")
        }
        records.append(value)
      }
    }
    guard records.count == sampleCount * 65 else {
      throw LRLensError(
        .badData, at: InputLocation(path: path),
        problem: "expected \(sampleCount) samples, found \(records.count / 65)",
        fix: "regenerate the file with scripts/fixtures/export_digits.py")
    }
    return dataset(fromRecords: records)
  }

  /// FNV-1a (64-bit) of the raw records (64 pixel bytes and the label per sample), to compare
  /// with the export script's checksum.
  ///
  /// - Parameter dataset: A digits dataset as `embedded` or `load(csvAt:)` returns it.
  /// - Returns: The checksum.
  package static func checksum(of dataset: Dataset) -> UInt64 {
    guard case .classes(let labels, _) = dataset.targets else { return 0 }
    var value: UInt64 = 0xCBF2_9CE4_8422_2325
    func mix(_ byte: UInt8) {
      value ^= UInt64(byte)
      value = value &* 0x100_0000_01B3
    }
    for (sample, label) in labels.enumerated() {
      for pixel in 0..<64 {
        let scaled = (dataset.features[sample * 64 + pixel] * 16).rounded()
        mix(UInt8(exactly: scaled) ?? 255)
      }
      mix(UInt8(truncatingIfNeeded: label))
    }
    return value
  }

  /// The checksum the export script printed for the data it wrote.
  package static var expectedChecksum: UInt64 { exportChecksum }

  /// Builds the dataset from 65-byte records.
  private static func dataset(fromRecords records: [UInt8]) -> Dataset {
    let count = records.count / 65
    var features = [Double](repeating: 0, count: count * 64)
    var labels = [Int](repeating: 0, count: count)
    for sample in 0..<count {
      for pixel in 0..<64 {
        features[sample * 64 + pixel] = Double(records[sample * 65 + pixel]) / 16
      }
      labels[sample] = Int(records[sample * 65 + 64])
    }
    return Dataset(
      name: "digits", channels: 1, height: 8, width: 8, features: features,
      targets: .classes(labels: labels, classCount: 10))
  }
}
