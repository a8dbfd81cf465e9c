import LRLensCore
import LRLensReaders
import Testing

/// One name and everything the classifier must say about it.
struct NameCase: CustomTestStringConvertible, Sendable {
  var name: String
  var learningRate: SeriesNameClassifier.LearningRateRank?
  var isLoss: Bool
  var isCounter = false
  var isValidation = false

  var testDescription: String { "'\(name)'" }
}

/// A set of series names and the learning rate and loss every reader must pick from them.
struct VocabularyCase: CustomTestStringConvertible, Sendable {
  var names: [String]
  var learningRate: String
  var loss: String

  var testDescription: String { names.joined(separator: ",") }
}

/// A reader and how it writes a log with given series names (four points, rates from 1e-3).
struct ReaderCase: CustomTestStringConvertible, Sendable {
  var format: String
  var reader: any LogReader
  var write: @Sendable ([String]) -> [UInt8]

  var testDescription: String { format }
}

@Suite struct SeriesNameClassifierTests {
  static let nameCases: [NameCase] = [
    NameCase(name: "lr", learningRate: .exact, isLoss: false),
    NameCase(name: " Learning-Rate ", learningRate: .exact, isLoss: false),
    NameCase(name: "train/lr", learningRate: .exact, isLoss: false),
    NameCase(name: "epoch_learning_rate", learningRate: .exact, isLoss: false),
    NameCase(name: "lr_0", learningRate: .parameterGroup, isLoss: false),
    NameCase(name: "lr-Adam/pg1", learningRate: .parameterGroup, isLoss: false),
    NameCase(name: "learning_rate_sgd", learningRate: .parameterGroup, isLoss: false),
    NameCase(name: "base_lr", learningRate: .other, isLoss: false),
    NameCase(name: "lr-Adam-momentum", learningRate: nil, isLoss: false),
    NameCase(name: "wd_0", learningRate: nil, isLoss: false),
    NameCase(name: "loss", learningRate: nil, isLoss: true),
    NameCase(name: "train_loss_step", learningRate: nil, isLoss: true),
    NameCase(name: "cross-entropy", learningRate: nil, isLoss: true),
    NameCase(name: "batch_loss", learningRate: nil, isLoss: true),
    NameCase(name: "loss_scale", learningRate: nil, isLoss: false),
    NameCase(name: "val_loss", learningRate: nil, isLoss: false, isValidation: true),
    NameCase(name: "valid/loss", learningRate: nil, isLoss: false, isValidation: true),
    NameCase(name: "eval-loss", learningRate: nil, isLoss: false, isValidation: true),
    NameCase(name: "val_lr", learningRate: nil, isLoss: false, isValidation: true),
    NameCase(name: "epoch", learningRate: nil, isLoss: false, isCounter: true),
    NameCase(name: "Unnamed: 0", learningRate: nil, isLoss: false, isCounter: true),
    NameCase(name: "step", learningRate: nil, isLoss: false, isCounter: true),
  ]

  @Test(arguments: nameCases)
  func classifies(_ nameCase: NameCase) {
    #expect(SeriesNameClassifier.learningRateRank(nameCase.name) == nameCase.learningRate)
    #expect((SeriesNameClassifier.lossRank(nameCase.name) != nil) == nameCase.isLoss)
    #expect(SeriesNameClassifier.isCounter(nameCase.name) == nameCase.isCounter)
    #expect(SeriesNameClassifier.isValidation(nameCase.name) == nameCase.isValidation)
  }

  @Test func lossesRankBareThenPrefixedThenOtherSpellings() {
    let ranks = ["loss", "train_loss", "epoch_loss", "losses", "focal_loss"].map {
      SeriesNameClassifier.lossRank($0) ?? -1
    }
    #expect(ranks == ranks.sorted() && Set(ranks).count == ranks.count && !ranks.contains(-1))
    #expect(
      SeriesNameClassifier.lossRank("batch_loss") == SeriesNameClassifier.lossRank("train_loss"))
  }

  static let vocabularyCases: [VocabularyCase] = [
    VocabularyCase(
      names: ["step", "learning-rate", "eval_loss", "train_loss"], learningRate: "learning-rate",
      loss: "train_loss"),
    VocabularyCase(
      names: ["iteration", "val_lr", "lr", "valid_loss", "cross_entropy"], learningRate: "lr",
      loss: "cross_entropy"),
    VocabularyCase(
      names: ["train_loss", "loss", "lr-SGD-momentum", "lr-SGD"], learningRate: "lr-SGD",
      loss: "loss"),
  ]

  static let readers: [ReaderCase] = [
    ReaderCase(format: "csv", reader: CSVReader()) { names in
      var text = names.joined(separator: ",") + "\n"
      for row in 1...4 {
        text += names.map { _ in "\(Double(row) * 0.001)" }.joined(separator: ",") + "\n"
      }
      return Array(text.utf8)
    },
    ReaderCase(format: "json", reader: JSONReader()) { names in
      let lists = names.map { "\"\($0)\": [0.001, 0.002, 0.003, 0.004]" }
      return Array(("{" + lists.joined(separator: ", ") + "}").utf8)
    },
    ReaderCase(format: "text", reader: TextLogReader()) { names in
      let lines = (1...4).map { row in
        names.map { "\($0)=\(Double(row) * 0.001)" }.joined(separator: " ")
      }
      return Array((lines.joined(separator: "\n") + "\n").utf8)
    },
    ReaderCase(format: "tensorboard", reader: TensorBoardReader()) { names in
      EventFile.file(tags: names)
    },
  ]

  // HDF5 files go through ColumnMatcher as CSV and JSON do; HDF5ReaderTests covers its names.
  @Test(arguments: readers, vocabularyCases)
  func everyReaderPicksTheSameSeries(_ readerCase: ReaderCase, _ vocabulary: VocabularyCase)
    throws
  {
    let result = try readerCase.reader.read(
      LogInput(path: "names.\(readerCase.format)", bytes: readerCase.write(vocabulary.names)),
      options: ReadOptions())
    #expect(result.curve.provenance.learningRateName == vocabulary.learningRate)
    #expect(result.curve.provenance.lossName == vocabulary.loss)
  }
}
