import Foundation
import LRLensTestSupport
import ReferenceTrainer
import Testing

/// The committed reference curves are what the trainer writes today, to the byte.
@Suite struct ReferenceCurveTests {
  struct Curve: CustomTestStringConvertible, Sendable {
    var file: String
    var task: String
    var style: FinderStyle
    var format: ExportFormat
    var seed: UInt64
    var testDescription: String { file }
  }

  /// Every line of `fixtures/reference-curves/curves.list`.
  static let curves: [Curve] = {
    let text = String(decoding: Fixtures.bytes("reference-curves/curves.list"), as: UTF8.self)
    return text.split(separator: "\n").compactMap { line in
      guard !line.hasPrefix("#") else { return nil }
      let fields = line.split(separator: "\t").map(String.init)
      guard fields.count == 5, let style = FinderStyle(rawValue: fields[2]),
        let format = ExportFormat(rawValue: fields[3]), let seed = UInt64(fields[4])
      else { return nil }
      return Curve(file: fields[0], task: fields[1], style: style, format: format, seed: seed)
    }
  }()

  @Test func theManifestListsEveryStyleAndFormat() {
    #expect(Self.curves.count == 39)
    #expect(Set(Self.curves.map(\.style)) == Set(FinderStyle.allCases))
    #expect(Set(Self.curves.map(\.format)) == Set(ExportFormat.allCases))
  }

  // Regenerating the small tasks is fast in a debug build; the digits runs are checked by
  // scripts/make-reference-curves followed by `git diff --exit-code`.
  @Test(arguments: curves.filter { $0.task == "moons-mlp" || $0.task == "linear-regression" })
  func regeneratesTheSameBytes(_ curve: Curve) throws {
    let task = try #require(TrainingTask.named(curve.task))
    let record = try task.rangeTest(style: curve.style, seed: curve.seed)
    let bytes = try RunExporter().bytes(for: record, as: curve.format)
    #expect(
      bytes == Fixtures.bytes("reference-curves/\(curve.file)"),
      "rerun scripts/make-reference-curves if the change is intended")
  }

  @Test func oneDigitsRunRegeneratesTheSameBytes() throws {
    let record = try TrainingTask.digitsMLP.rangeTest(style: .fastai, seed: 1)
    let bytes = try RunExporter().bytes(for: record, as: .csv)
    #expect(bytes == Fixtures.bytes("reference-curves/digits-mlp/fastai.csv"))
  }
}
