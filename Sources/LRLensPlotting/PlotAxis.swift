internal import LRLensAnalysis
internal import LRLensCore

/// One axis of a plot: its range, its labelled ticks and its title.
public struct PlotAxis: Sendable, Equatable {
  /// The value at the low end (left or bottom), in axis units.
  public var lowerBound: Double
  /// The value at the high end (right or top), in axis units.
  public var upperBound: Double
  /// The labelled ticks, increasing, all within the range.
  public var ticks: [AxisTick]
  /// Unlabelled minor ticks (on the learning-rate axis, 2…9 × each decade), increasing.
  public var minorTicks: [Double]
  /// The axis title (`learning rate`, `loss`).
  public var title: String
  /// Whether some drawable value lies above `upperBound` and is cut off.
  public var isClippedAbove: Bool

  /// Creates an axis.
  ///
  /// - Parameters:
  ///   - lowerBound: The low end.
  ///   - upperBound: The high end, above `lowerBound`.
  ///   - ticks: The labelled ticks.
  ///   - minorTicks: The minor ticks.
  ///   - title: The axis title.
  ///   - isClippedAbove: Whether values above the range are cut off.
  public init(
    lowerBound: Double, upperBound: Double, ticks: [AxisTick], minorTicks: [Double] = [],
    title: String, isClippedAbove: Bool = false
  ) {
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.ticks = ticks
    self.minorTicks = minorTicks
    self.title = title
    self.isClippedAbove = isClippedAbove
  }

  /// The position of a value along the axis: 0 at `lowerBound`, 1 at `upperBound`.
  ///
  /// - Parameter value: A value in axis units.
  /// - Returns: Its fraction of the range (outside 0…1 for values outside the range).
  public func fraction(of value: Double) -> Double {
    (value - lowerBound) / (upperBound - lowerBound)
  }

  /// A value printed as the ticks print theirs, with extra decimals: the ticks' decimals plus
  /// `extraDecimals`, or scientific notation when they use it (two decimals plus the extra
  /// when there are no ticks).
  ///
  /// - Parameters:
  ///   - value: A value in axis units.
  ///   - extraDecimals: Decimals beyond the ticks', for labels between ticks (the range's
  ///     ends).
  /// - Returns: Its label.
  func labelLikeTicks(_ value: Double, extraDecimals: Int = 0) -> String {
    guard let label = ticks.first?.label else {
      return NumberFormat.fixed(value, fractionDigits: 2 + extraDecimals)
    }
    if label.contains("e") {
      return NumberFormat.scientific(value, significantDigits: 3 + extraDecimals)
    }
    let decimals = label.firstIndex(of: ".").map {
      label.distance(from: $0, to: label.endIndex) - 1
    }
    return NumberFormat.fixed(value, fractionDigits: (decimals ?? 0) + extraDecimals)
  }

  /// The learning-rate axis over a set of decade positions.
  ///
  /// The range snaps outwards to whole decades (`floor` and `ceil` of log10 of the smallest
  /// and largest learning rate), so it always has at least two decade ticks. Every decade is
  /// ticked and labelled `1e-07` style when there are at most 10 decades; beyond that every
  /// `k`-th decade, with `k = ⌈decades / 10⌉`. Minor ticks mark 2…9 × each decade when the
  /// axis spans at most 12 decades. Without any drawable point the axis spans 1e-07…1e+00.
  ///
  /// - Parameters:
  ///   - positions: log10 of the learning rates to show (finite).
  ///   - title: The axis title.
  /// - Returns: The axis.
  static func learningRate(over positions: [Double], title: String) -> PlotAxis {
    guard let smallest = positions.min(), let largest = positions.max(),
      let low = Int(exactly: smallest.rounded(.down)), let high = Int(exactly: largest.rounded(.up))
    else {
      return learningRate(over: [-7, 0], title: title)
    }
    let upper = high > low ? high : low + 1
    let decades = upper - low
    let every = (decades + 9) / 10
    let ticks = stride(from: low, through: upper, by: 1)
      .filter { ($0 - low) % every == 0 }
      .map { AxisTick(value: Double($0), label: NumberFormat.decade($0)) }
    let minor: [Double] =
      decades > 12
      ? []
      : (low..<upper).flatMap { decade in
        (2...9).map { Double(decade) + LibM.log10(Double($0)) }
      }
    return PlotAxis(
      lowerBound: Double(low), upperBound: Double(upper), ticks: ticks, minorTicks: minor,
      title: title)
  }

  /// A linear value axis with "nice" ticks: the smallest step of 1, 2 or 5 × a power of ten
  /// that is at least an eighth of the range (so 4 to 8 ticks).
  ///
  /// Labels have as many decimals as the tick step needs (0.05 → two); they switch to
  /// `1.00e+06` style when the values reach 10⁶ in magnitude or the step needs more than six
  /// decimals.
  ///
  /// - Parameters:
  ///   - lowerBound: The low end, finite.
  ///   - upperBound: The high end, finite and above `lowerBound`.
  ///   - title: The axis title.
  ///   - isClippedAbove: Whether values above the range are cut off.
  /// - Returns: The axis.
  static func linear(
    lowerBound: Double, upperBound: Double, title: String, isClippedAbove: Bool
  ) -> PlotAxis {
    let span = upperBound - lowerBound
    let rough = span / 8
    let exponent = LibM.log10(rough).rounded(.down)
    let power = LibM.power10(exponent)
    let multiplier = [1.0, 2, 5, 10].first { $0 * power >= rough } ?? 10
    let step = multiplier * power
    var ticks: [AxisTick] = []
    if let first = Int(exactly: (lowerBound / step).rounded(.up)),
      let last = Int(exactly: (upperBound / step).rounded(.down)), last >= first,
      last - first <= 100, let decimalExponent = Int(exactly: exponent)
    {
      let decimals = max(0, multiplier == 10 ? -decimalExponent - 1 : -decimalExponent)
      let isLarge = max(lowerBound.magnitude, upperBound.magnitude) >= 1e6
      ticks = (first...last).map { index in
        let value = Double(index) * step
        let label =
          isLarge || decimals > 6
          ? NumberFormat.scientific(value)
          : NumberFormat.fixed(value, fractionDigits: decimals)
        return AxisTick(value: value, label: label)
      }
    }
    return PlotAxis(
      lowerBound: lowerBound, upperBound: upperBound, ticks: ticks, title: title,
      isClippedAbove: isClippedAbove)
  }
}

/// A labelled tick on an axis.
public struct AxisTick: Sendable, Equatable {
  /// Where the tick sits, in axis units (log10 of the learning rate on the x axis).
  public var value: Double
  /// Its label (`1e-07`, `2.30`).
  public var label: String

  /// Creates a tick.
  ///
  /// - Parameters:
  ///   - value: Where it sits, in axis units.
  ///   - label: Its label.
  public init(value: Double, label: String) {
    self.value = value
    self.label = label
  }
}
