public import LRLensAnalysis
public import LRLensCore

/// Everything a renderer draws for one analysed curve: the series, the axes, the skipped
/// regions, one marker per available rule, the legend and the titles.
///
/// The x axis is the learning rate on a log scale; every x value in the model is log10 of a
/// learning rate. The model is pure data: renderers only map it to pixels or character cells.
public struct PlotModel: Sendable, Equatable {
  /// The title (for example the file name and the preset).
  public var title: String
  /// A line under the title: preset, smoothing and point counts.
  public var subtitle: String
  /// The analysed loss (after the analysis's smoothing), split at non-finite values.
  public var loss: PlotSeries
  /// The unsmoothed loss drawn faintly behind ``loss``: the source's raw losses when it has
  /// them, else the losses as read when the analysis smoothed them, else `nil`.
  public var rawLoss: PlotSeries?
  /// The learning-rate axis (log10 units).
  public var xAxis: PlotAxis
  /// The loss axis; see ``init(curve:analysis:title:)`` for how its range is chosen.
  public var yAxis: PlotAxis
  /// The points the rules did not look at, at the start and the end.
  public var skippedRegions: [SkippedRegion]
  /// One marker per rule with a suggestion, in the analysis's rule order.
  public var markers: [Marker]
  /// One entry per rule, available or not, in the analysis's rule order.
  public var legend: [LegendEntry]
  /// The learning rate lrlens recommends, drawn with emphasis; `nil` when lrlens refuses (low
  /// confidence).
  public var recommendation: Recommendation?
  /// The slope panel (d loss / d log10 lr), if one can be drawn.
  ///
  /// `nil` when no slope can be computed (fewer than two drawable points). Renderers draw it
  /// only when asked.
  public var derivative: DerivativePanel?

  /// Builds the plot of an analysed curve.
  ///
  /// **Loss axis range.** Only the analysed loss decides it; the raw loss is cut at the frame.
  /// Let `S` be the drawable analysed losses inside the analysis window (all drawable
  /// analysed losses if the window has none) and `m = min(S)`. The reference is the first
  /// value of `S`, or the 90th percentile of `S` (nearest rank) when the first value is the
  /// minimum. The top is `min(max(S), m + 3 × (reference − m))`, so an exploding tail (even
  /// `1e30`) cannot flatten the descent; the bottom is the lowest drawable analysed loss
  /// anywhere, skipped regions included. Both ends are then padded by 5 % of the span (a flat
  /// curve gets ±5 % of its value, or ±1 at 0). Values beyond the range are cut off at the
  /// frame, and ``PlotAxis/isClippedAbove`` says whether an analysed loss was.
  ///
  /// **Slope panel.** Central differences of the analysed loss against log10 lr:
  /// `(loss[i+1] − loss[i−1]) / (x[i+1] − x[i−1])`, one-sided where a neighbour is missing,
  /// a gap where the point or both neighbours are not drawable. Its range spans 0 and the
  /// window's slopes, with the top cut at the magnitude of the steepest descent, so the
  /// divergence does not flatten the descent; padded by 5 %.
  ///
  /// Non-finite losses and learning rates ≤ 0 are gaps, never drawn.
  ///
  /// - Parameters:
  ///   - curve: The curve as read (for its raw losses).
  ///   - analysis: The analysis of that curve.
  ///   - title: The title to print.
  /// - Complexity: O(n log n) in the number of points.
  public init(curve: LossCurve, analysis: Analysis, title: String) {
    let prepared = analysis.curve
    let count = min(prepared.learningRates.count, prepared.losses.count)
    let rates = Array(prepared.learningRates.prefix(count))
    let losses = Array(prepared.losses.prefix(count))
    let window = prepared.window.filter { $0 >= 0 && $0 < count }
    let raw = Self.unsmoothedLosses(curve: curve, analysis: analysis, count: count)

    self.title = title
    subtitle = Self.subtitle(settings: analysis.settings, count: count, analysed: window.count)
    loss = PlotSeries(name: "loss", learningRates: rates, values: losses)
    rawLoss = raw.map { PlotSeries(name: "raw loss", learningRates: rates, values: $0) }
    xAxis = .learningRate(over: rates.compactMap(logLearningRate), title: "learning rate")
    yAxis = Self.lossAxis(rates: rates, losses: losses, window: window)
    skippedRegions = Self.skippedRegions(rates: rates, window: window, xAxis: xAxis)
    (markers, legend) = Self.markersAndLegend(analysis.results, rates: rates)
    recommendation = analysis.recommendation.learningRate.map { rate in
      Recommendation(
        learningRate: rate,
        label: "recommended \(NumberFormat.scientific(rate)) "
          + "(\(analysis.recommendation.confidence.level.rawValue) confidence)")
    }
    derivative = Self.derivativePanel(rates: rates, losses: losses, window: window)
  }

  /// A title naming the file and the preset: `recorder.json, preset fastai`.
  ///
  /// - Parameters:
  ///   - path: The input path as the user gave it (`-` for standard input).
  ///   - preset: The preset used, or `nil` for lrlens's defaults.
  /// - Returns: The title.
  public static func defaultTitle(path: String, preset: Preset?) -> String {
    let name = path == "-" ? "standard input" : String(path.split(separator: "/").last ?? "")
    return name + ", " + (preset.map { "preset " + $0.rawValue } ?? "lrlens defaults")
  }

  private static func subtitle(settings: AnalysisSettings, count: Int, analysed: Int) -> String {
    let origin = settings.preset.map { "preset \($0.rawValue)" } ?? "lrlens defaults"
    return
      "\(origin), smoothing \(settings.smoothing), \(count) points, \(analysed) analysed "
      + "(skip \(settings.trimming.skipStart) start, \(settings.trimming.skipEnd) end)"
  }

  private static func unsmoothedLosses(curve: LossCurve, analysis: Analysis, count: Int)
    -> [Double]?
  {
    if let raw = curve.rawLosses, raw.count >= count { return Array(raw.prefix(count)) }
    if analysis.settings.smoothing != .none, curve.losses.count >= count {
      return Array(curve.losses.prefix(count))
    }
    return nil
  }

  // MARK: - Loss axis

  private static func lossAxis(rates: [Double], losses: [Double], window: [Int]) -> PlotAxis {
    func drawable(_ rows: [Int]) -> [Double] {
      rows.filter { logLearningRate(rates[$0]) != nil && losses[$0].isFinite }.map { losses[$0] }
    }
    let everything = drawable(Array(rates.indices))
    var analysed = drawable(window)
    if analysed.isEmpty { analysed = everything }
    guard let lowest = everything.min(), let minimum = analysed.min(),
      var high = analysed.max(), let first = analysed.first
    else {
      return .linear(lowerBound: 0, upperBound: 1, title: "loss", isClippedAbove: false)
    }
    let reference = first > minimum ? first : percentile90(analysed)
    if reference > minimum { high = min(high, minimum + 3 * (reference - minimum)) }
    let (lower, upper) = padded(lowest, max(high, lowest))
    return .linear(
      lowerBound: lower, upperBound: upper, title: "loss",
      isClippedAbove: everything.contains { $0 > upper })
  }

  /// The 90th percentile by nearest rank: the `⌈0.9 n⌉`-th smallest value.
  private static func percentile90(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let rank = (9 * sorted.count + 9) / 10
    return sorted[min(max(rank - 1, 0), sorted.count - 1)]
  }

  /// Pads a range by 5 % of its span on both sides; a flat range gets ±5 % of its value.
  private static func padded(_ low: Double, _ high: Double) -> (Double, Double) {
    let span = high - low
    guard span > 1e-12 * max(1, low.magnitude), span.isFinite else {
      let half = low.magnitude > 0 ? 0.05 * low.magnitude : 1
      return (low - half, low + half)
    }
    return (low - 0.05 * span, high + 0.05 * span)
  }

  // MARK: - Skipped regions

  private static func skippedRegions(rates: [Double], window: [Int], xAxis: PlotAxis)
    -> [SkippedRegion]
  {
    guard !rates.isEmpty else { return [] }
    guard let first = window.first, let last = window.last else {
      return [
        SkippedRegion(
          edge: .whole, rows: rates.indices, lowerBound: xAxis.lowerBound,
          upperBound: xAxis.upperBound, label: "not analysed")
      ]
    }
    // The boundary between two runs of rows: halfway between the nearest drawable points on
    // either side, or the one that exists.
    func boundary(between left: Range<Int>, and right: Range<Int>) -> Double? {
      let leftX = left.reversed().lazy.compactMap { logLearningRate(rates[$0]) }.first
      let rightX = right.lazy.compactMap { logLearningRate(rates[$0]) }.first
      switch (leftX, rightX) {
      case (let a?, let b?): return (a + b) / 2
      case (let a?, nil): return a
      case (nil, let b?): return b
      case (nil, nil): return nil
      }
    }
    var regions: [SkippedRegion] = []
    if first > 0, let upper = boundary(between: 0..<first, and: first..<rates.count) {
      regions.append(
        SkippedRegion(
          edge: .start, rows: 0..<first, lowerBound: xAxis.lowerBound, upperBound: upper,
          label: "skipped \(first)"))
    }
    if last + 1 < rates.count,
      let lower = boundary(between: 0..<last + 1, and: last + 1..<rates.count)
    {
      regions.append(
        SkippedRegion(
          edge: .end, rows: last + 1..<rates.count, lowerBound: lower,
          upperBound: xAxis.upperBound, label: "skipped \(rates.count - last - 1)"))
    }
    return regions
  }

  // MARK: - Markers and legend

  private static func markersAndLegend(_ results: [RuleResult], rates: [Double])
    -> ([Marker], [LegendEntry])
  {
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    var markers: [Marker] = []
    var legend: [LegendEntry] = []
    for result in results {
      let style =
        SuggesterRegistry.reportOrder.firstIndex(of: result.id)
        ?? SuggesterRegistry.reportOrder.count
      guard let value = result.suggestion.value else {
        legend.append(
          LegendEntry(
            ruleID: result.id, symbol: nil, styleIndex: style, valueText: "unavailable",
            learningRate: nil))
        continue
      }
      let pointRate = rates.indices.contains(value.index) ? rates[value.index] : value.learningRate
      var symbol: Character?
      if let x = logLearningRate(pointRate) {
        let letter = markers.count < letters.count ? letters[markers.count] : "?"
        symbol = letter
        markers.append(
          Marker(
            ruleID: result.id, symbol: letter, styleIndex: style, row: value.index, x: x,
            y: value.loss.isFinite ? value.loss : nil, learningRate: value.learningRate))
      }
      legend.append(
        LegendEntry(
          ruleID: result.id, symbol: symbol, styleIndex: style,
          valueText: NumberFormat.scientific(value.learningRate),
          learningRate: value.learningRate))
    }
    return (markers, legend)
  }

  // MARK: - Slope panel

  private static func derivativePanel(rates: [Double], losses: [Double], window: [Int])
    -> DerivativePanel?
  {
    let positions = rates.map(logLearningRate)
    func isDrawable(_ row: Int) -> Bool {
      rates.indices.contains(row) && positions[row] != nil && losses[row].isFinite
    }
    func slope(_ left: Int, _ right: Int) -> Double {
      guard let a = positions[left], let b = positions[right], b != a else { return .nan }
      return (losses[right] - losses[left]) / (b - a)
    }
    let slopes: [Double] = rates.indices.map { row in
      guard isDrawable(row) else { return .nan }
      switch (isDrawable(row - 1), isDrawable(row + 1)) {
      case (true, true): return slope(row - 1, row + 1)
      case (true, false): return slope(row - 1, row)
      case (false, true): return slope(row, row + 1)
      case (false, false): return .nan
      }
    }
    let all = slopes.filter(\.isFinite)
    var shown = window.map { slopes[$0] }.filter(\.isFinite)
    if shown.isEmpty { shown = all }
    guard var low = shown.min(), var high = shown.max() else { return nil }
    if low < 0, high > -low { high = -low }
    low = min(low, 0)
    high = max(high, 0)
    let (lower, upper) = padded(low, high)
    let axis = PlotAxis.linear(
      lowerBound: lower, upperBound: upper, title: "d loss / d log10(lr)",
      isClippedAbove: all.contains { $0 > upper })
    return DerivativePanel(
      series: PlotSeries(name: "slope", learningRates: rates, values: slopes), yAxis: axis)
  }
}
