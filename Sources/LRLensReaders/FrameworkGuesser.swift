internal import Foundation
package import LRLensCore

/// What a reader knows about the shape of a source, for guessing its framework.
package struct SourceShape: Sendable {
  /// The format read.
  package var format: LogFormat
  /// Every column or key name in the source, in source order.
  package var seriesNames: [String]
  /// The name of the learning-rate series chosen.
  package var learningRateName: String
  /// The name of the loss series chosen.
  package var lossName: String
  /// Whether the source has pandas' unnamed leading index column (`,lr,loss`).
  package var hasIndexColumn: Bool
  /// Whether the source is a JSON list of `[lr, loss]` pairs.
  package var isPairList: Bool
  /// The learning rates read.
  package var learningRates: [Double]
  /// The losses read.
  package var losses: [Double]

  /// Creates a source shape.
  ///
  /// - Parameters:
  ///   - format: The format read.
  ///   - seriesNames: Every column or key name, in source order.
  ///   - learningRateName: The chosen learning-rate series' name.
  ///   - lossName: The chosen loss series' name.
  ///   - hasIndexColumn: Whether a pandas index column leads the table.
  ///   - isPairList: Whether the source is a list of `[lr, loss]` pairs.
  ///   - learningRates: The learning rates read.
  ///   - losses: The losses read.
  package init(
    format: LogFormat, seriesNames: [String], learningRateName: String, lossName: String,
    hasIndexColumn: Bool, isPairList: Bool, learningRates: [Double], losses: [Double]
  ) {
    self.format = format
    self.seriesNames = seriesNames
    self.learningRateName = learningRateName
    self.lossName = lossName
    self.hasIndexColumn = hasIndexColumn
    self.isPairList = isPairList
    self.learningRates = learningRates
    self.losses = losses
  }
}

/// The framework guess for a source and whether its losses are already smoothed, each with the
/// evidence that decided it.
package struct FrameworkEvidence: Sendable, Equatable {
  /// The most likely framework.
  package var framework: Framework
  /// Why, in a short phrase.
  package var frameworkEvidence: String
  /// Whether the losses are already smoothed, if lrlens can tell.
  package var isSmoothed: Bool?
  /// Why, in a short phrase.
  package var smoothingEvidence: String
}

/// Guesses which framework's LR finder wrote a log, and whether its losses are smoothed.
///
/// The guess uses, in order: names only one framework writes (`lrs`/`losses` are fastai's
/// `Recorder` attributes, or keras_lr_finder's when the losses are raw, `lr-Adam` is Lightning's `LearningRateMonitor`, `lr_0` is fastai's
/// per-group logging, `learning_rate` and `epoch`/`batch` columns are Keras', a list of
/// `[lr, loss]` pairs and `Epoch[n] Batch [n]` log lines are MXNet's), then the learning-rate
/// grid, whose first steps
/// differ between the PyTorch finders (see docs/RULES.md §11):
/// - Lightning skips exponent 1/N, so its first step is the square of the others;
/// - ignite records its first learning rate one step above a round start value;
/// - fastai (`num_it` 100) and torch-lr-finder (100 iterations, both endpoints) differ in how
///   many steps span a whole number of decades: 100 against 99.
///
/// Whether the losses are smoothed is read from the data, not assumed from the framework
/// (torch-lr-finder with `smooth_f=0` exports raw losses): raw batch losses change direction
/// at about half of their steps or more, an exponential moving average at far fewer.
package enum FrameworkGuesser {
  /// Guesses the framework and the smoothing state of a source.
  ///
  /// - Parameter shape: What the reader found.
  /// - Returns: The guess with its evidence.
  /// - Complexity: O(n) in the number of points.
  package static func guess(_ shape: SourceShape) -> FrameworkEvidence {
    var (framework, evidence) = guessFramework(shape)
    let (isSmoothed, smoothingEvidence) = guessSmoothing(shape.losses, framework: framework)
    // keras_lr_finder's LRFinder keeps the same attribute names as fastai's Recorder, but
    // records raw losses where fastai records smoothed ones.
    if framework == .fastai, shape.learningRateName == "lrs", isSmoothed == false {
      (framework, evidence) = (
        .keras, "series 'lrs'/'losses' with raw losses, as keras_lr_finder's LRFinder keeps them"
      )
    }
    return FrameworkEvidence(
      framework: framework, frameworkEvidence: evidence, isSmoothed: isSmoothed,
      smoothingEvidence: smoothingEvidence)
  }

  private static func guessFramework(_ shape: SourceShape) -> (Framework, String) {
    let names = Set(shape.seriesNames.map { $0.lowercased() })
    if shape.isPairList {
      return (.mxnet, "a list of [lr, loss] pairs, as the MXNet Gluon tutorial's LRFinder keeps")
    }
    if shape.learningRateName == "lrs" && shape.lossName == "losses" {
      return (.fastai, "series 'lrs'/'losses', fastai's Recorder attribute names")
    }
    if shape.format == .text, shape.seriesNames.contains("Batch"),
      shape.seriesNames.contains("Epoch") || shape.seriesNames.contains("Iter")
    {
      return (.mxnet, "MXNet Speedometer lines ('Epoch[n] Batch [n]')")
    }
    if let monitor = shape.seriesNames.first(where: { $0.hasPrefix("lr-") }) {
      return (.lightning, "a '\(monitor)' series, as Lightning's LearningRateMonitor names it")
    }
    if names.contains("lr_0") {
      return (.fastai, "per-group 'lr_0' series, as fastai's hyper-parameter logging names them")
    }
    let isTable = shape.format == .csv || shape.format == .json
    if isTable,
      names.contains("epoch") || names.contains("batch") || names.contains("learning_rate")
        || names.contains("val_learning_rate")
    {
      let columns = shape.seriesNames.filter { !$0.isEmpty }.map { "'\($0)'" }
      return (.keras, "series \(columns.joined(separator: ", ")), as Keras logs them")
    }
    return guessFromSchedule(shape.learningRates)
  }

  private static func guessFromSchedule(_ learningRates: [Double]) -> (Framework, String) {
    guard learningRates.count >= 4,
      learningRates.allSatisfy({ $0.isFinite && $0 > 0 })
    else { return (.unknown, "too few learning rates to recognise a schedule") }
    let steps = (1..<4).map { log10(learningRates[$0] / learningRates[$0 - 1]) }
    let step = steps[2]
    guard step > 0, abs(steps[1] - step) <= 1e-6 * step else {
      return (.unknown, "the learning rates do not start on an exponential grid")
    }
    if abs(steps[0] - 2 * step) <= 1e-6 * step {
      return (
        .lightning, "the first LR step is twice the others, as Lightning's schedule skips 1/N"
      )
    }
    let startIsRound = isRound(learningRates[0])
    let stepsPerDecade = 1 / step
    for decades in 1...20 {
      let steps = Double(decades) * stepsPerDecade
      let nearest = steps.rounded()
      guard abs(steps - nearest) <= 1e-4 else { continue }
      if nearest == 100 {
        return startIsRound
          ? (.fastai, "LR grid start·(end/start)^(i/100), fastai's lr_find schedule")
          : (.ignite, "LR grid one step above a round start, ignite's FastaiLRFinder schedule")
      }
      if nearest == 99 && startIsRound {
        return (.torchLRFinder, "LR grid with both endpoints in 100 steps, torch-lr-finder's")
      }
    }
    if abs(step - log10(1.1)) <= 1e-9 {
      return (.mxnet, "learning rates grow ×1.1 per step, the MXNet tutorial's LRFinder")
    }
    return (.unknown, "an exponential LR grid no framework default explains")
  }

  /// Whether `value` is a power of ten times 1, 2 or 5 to 9 significant digits.
  private static func isRound(_ value: Double) -> Bool {
    let exponent = log10(value).rounded(.down)
    let mantissa = value / pow(10, exponent)
    return [1.0, 2.0, 5.0, 10.0].contains { abs(mantissa - $0) <= 1e-9 * $0 }
  }

  private static func guessSmoothing(_ losses: [Double], framework: Framework) -> (Bool?, String) {
    let finite = losses.filter(\.isFinite)
    let steps = zip(finite.dropFirst(), finite).map { $0 - $1 }.filter { $0 != 0 }
    guard steps.count >= 10 else {
      let assumed = framework.recordsSmoothedLosses
      return (
        assumed, assumed == nil ? "too few points to tell" : "\(framework.rawValue)'s default"
      )
    }
    let reversals = zip(steps.dropFirst(), steps).filter { ($0 > 0) != ($1 > 0) }.count
    let rate = Double(reversals) / Double(steps.count - 1)
    let percent = Int((rate * 100).rounded())
    if rate > rawReversalRate {
      return (false, "the loss changes direction at \(percent)% of steps: raw losses")
    }
    return (true, "the loss changes direction at only \(percent)% of steps: smoothed losses")
  }

  /// Above this share of direction changes between successive loss steps a curve is raw.
  ///
  /// White noise changes direction at 2/3 of steps; the real exports in `fixtures/runs` change
  /// at 0.48–0.64 when raw and at 0.06–0.37 when smoothed by any framework's EMA.
  private static let rawReversalRate = 0.44
}
