internal import LRLensAnalysis
internal import LRLensCore

/// A drawable point of a plot, in axis units: `x` is log10 of the learning rate, `y` the value.
public struct PlotPoint: Sendable, Equatable {
  /// log10 of the learning rate.
  public var x: Double
  /// The plotted value (a loss or a derivative), always finite.
  public var y: Double

  /// Creates a point.
  ///
  /// - Parameters:
  ///   - x: log10 of the learning rate.
  ///   - y: The value.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }
}

/// A series drawn as lines against log10 of the learning rate, split at gaps.
public struct PlotSeries: Sendable, Equatable {
  /// What the series is, for legends and accessibility text (`loss`, `raw loss`).
  public var name: String
  /// Runs of consecutive drawable points, in recording order.
  ///
  /// A point is drawable when its value is finite and its learning rate finite and above 0;
  /// any other point is a gap that ends a run, so NaN and ±∞ are never drawn. A run of one
  /// point is drawn as a dot.
  public var segments: [[PlotPoint]]

  /// Creates a series from per-point learning rates and values.
  ///
  /// - Parameters:
  ///   - name: What the series is.
  ///   - learningRates: The learning rate of each point.
  ///   - values: The value of each point; extra values beyond `learningRates` are ignored.
  public init(name: String, learningRates: [Double], values: [Double]) {
    self.name = name
    var segments: [[PlotPoint]] = []
    var current: [PlotPoint] = []
    for index in 0..<min(learningRates.count, values.count) {
      if let x = logLearningRate(learningRates[index]), values[index].isFinite {
        current.append(PlotPoint(x: x, y: values[index]))
      } else if !current.isEmpty {
        segments.append(current)
        current = []
      }
    }
    if !current.isEmpty { segments.append(current) }
    self.segments = segments
  }

  /// Every drawable point, across segments.
  public var points: [PlotPoint] { segments.flatMap { $0 } }
}

/// log10 of a learning rate, or `nil` when it cannot sit on a log axis (≤ 0, NaN or ±∞).
///
/// - Parameter learningRate: The learning rate.
/// - Returns: Its decade position, finite.
func logLearningRate(_ learningRate: Double) -> Double? {
  guard learningRate.isFinite, learningRate > 0 else { return nil }
  return LibM.log10(learningRate)
}
