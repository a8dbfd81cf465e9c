/// Draws a plot as a self-contained SVG 1.1 document.
///
/// The document has no scripts, no external fonts or images and uses the generic
/// `sans-serif` family. It holds the title, the loss panel (and optionally the slope panel
/// under it) with grid lines, decade ticks labelled `1e-07` style, the skipped regions shaded
/// and labelled, the raw loss faint behind the analysed loss (split at gaps and cut at the
/// frame), one coloured marker per rule (colour and shape fixed by rule id, see
/// ``RulePalette``), the recommendation as a dashed black line, and a legend box inside the
/// frame, in the corner the curve crosses least. Coordinates have exactly two decimals, so the
/// same model always gives the same bytes.
public struct SVGRenderer: PlotRenderer {
  /// The document width in pixels (at least 320).
  public var width: Int
  /// The document height in pixels (at least 240).
  public var height: Int
  /// Whether to draw the slope panel (d loss / d log10 lr) under the loss panel.
  public var showsDerivativePanel: Bool

  /// Creates an SVG renderer.
  ///
  /// - Parameters:
  ///   - width: The width in pixels; values below 320 count as 320.
  ///   - height: The height in pixels; values below 240 count as 240.
  ///   - showsDerivativePanel: Whether to draw the slope panel.
  public init(width: Int = 900, height: Int = 600, showsDerivativePanel: Bool = false) {
    self.width = width
    self.height = height
    self.showsDerivativePanel = showsDerivativePanel
  }

  /// Draws a plot.
  ///
  /// - Parameter model: What to draw.
  /// - Returns: The SVG document, ending with a newline.
  public func render(_ model: PlotModel) -> String {
    let size = (width: Double(max(width, 320)), height: Double(max(height, 240)))
    let margin = (left: 76.0, right: 24.0, top: 72.0, bottom: 56.0)
    let plotWidth = size.width - margin.left - margin.right
    let available = size.height - margin.top - margin.bottom
    let derivative = showsDerivativePanel ? model.derivative : nil
    let gap = 18.0
    let mainHeight = derivative == nil ? available : ((available - gap) * 0.68).rounded()
    let main = Frame(
      left: margin.left, top: margin.top, width: plotWidth, height: mainHeight,
      xAxis: model.xAxis, yAxis: model.yAxis)
    let slopeFrame = derivative.map { panel in
      Frame(
        left: margin.left, top: margin.top + mainHeight + gap, width: plotWidth,
        height: available - mainHeight - gap, xAxis: model.xAxis, yAxis: panel.yAxis)
    }
    let bottomFrame = slopeFrame ?? main

    var svg = SVGDocument(width: size.width, height: size.height, title: model.title)
    svg.text(
      model.title, x: size.width / 2, y: 28, size: 16, anchor: "middle",
      extra: "font-weight=\"bold\"")
    svg.text(
      model.subtitle, x: size.width / 2, y: 47, size: 12, anchor: "middle", colour: "#555555")
    if model.yAxis.isClippedAbove {
      let top = model.yAxis.labelLikeTicks(model.yAxis.upperBound, extraDecimals: 1)
      svg.text(
        "loss above \(top) cut off",
        x: main.right, y: main.top - 7, size: 11, anchor: "end", colour: "#555555",
        extra: "font-style=\"italic\"")
    }

    drawPanelBackground(&svg, main, model: model)
    drawSeries(&svg, model.rawLoss, in: main, colour: "#333333", opacity: 0.22, width: 1)
    drawSeries(&svg, model.loss, in: main, colour: "#1A1A1A", opacity: 1, width: 1.8)
    let obstacles = drawnPoints(model, in: main)
    let recommendationLabel = model.recommendation.flatMap { recommendationBox($0, in: main) }
    let legendBox = legendBox(
      model, in: main, avoiding: obstacles, reserved: recommendationLabel?.box)
    drawRegionLabels(
      &svg, main, model: model, avoiding: obstacles,
      reserved: [legendBox, recommendationLabel?.box].compactMap { $0 })
    if let panel = derivative, let frame = slopeFrame {
      drawPanelBackground(&svg, frame, model: model)
      if frame.contains(y: 0) {
        svg.line(
          frame.left, frame.py(0), frame.right, frame.py(0), colour: "#888888", width: 1,
          extra: "stroke-dasharray=\"4 3\"")
      }
      for marker in model.markers {
        svg.line(
          frame.px(marker.x), frame.top, frame.px(marker.x), frame.bottom,
          colour: RulePalette.colour(marker.styleIndex), width: 1.2,
          extra: "stroke-dasharray=\"2 3\"")
      }
      drawSeries(&svg, panel.series, in: frame, colour: "#1A1A1A", opacity: 1, width: 1.4)
    }
    if let recommendation = model.recommendation, let label = recommendationLabel {
      drawRecommendation(&svg, recommendation, label: label, from: main, to: bottomFrame)
    }
    for marker in model.markers {
      let y = marker.y.map { min(max($0, main.yAxis.lowerBound), main.yAxis.upperBound) }
      let point = (x: main.px(marker.x), y: y.map(main.py) ?? main.bottom)
      drawMarker(&svg, styleIndex: marker.styleIndex, x: point.x, y: point.y, radius: 5.5)
    }
    drawFrame(&svg, main, labelsX: slopeFrame == nil)
    if let frame = slopeFrame { drawFrame(&svg, frame, labelsX: true) }
    svg.text(
      model.xAxis.title + " (log scale)", x: bottomFrame.left + bottomFrame.width / 2,
      y: bottomFrame.bottom + 44, size: 13, anchor: "middle")
    if let legendBox { drawLegend(&svg, model, in: legendBox) }
    return svg.finish()
  }

  // MARK: - Panels

  private func drawPanelBackground(_ svg: inout SVGDocument, _ frame: Frame, model: PlotModel) {
    for region in model.skippedRegions {
      let left = frame.px(max(region.lowerBound, frame.xAxis.lowerBound))
      let right = frame.px(min(region.upperBound, frame.xAxis.upperBound))
      guard right > left else { continue }
      svg.rect(
        x: left, y: frame.top, width: right - left, height: frame.height, fill: "#9E9E9E",
        extra: "fill-opacity=\"0.16\"")
    }
    for tick in frame.xAxis.minorTicks {
      svg.line(frame.px(tick), frame.top, frame.px(tick), frame.bottom, colour: "#F2F2F2", width: 1)
    }
    for tick in frame.xAxis.ticks {
      svg.line(
        frame.px(tick.value), frame.top, frame.px(tick.value), frame.bottom, colour: "#DCDCDC",
        width: 1)
    }
    for tick in frame.yAxis.ticks {
      svg.line(
        frame.left, frame.py(tick.value), frame.right, frame.py(tick.value), colour: "#DCDCDC",
        width: 1)
    }
  }

  /// Labels the skipped regions, horizontally when the label fits the region, else upwards
  /// along it: as low in the panel as possible without covering the legend, the
  /// recommendation's label or the curve (or where it covers the least of them).
  private func drawRegionLabels(
    _ svg: inout SVGDocument, _ frame: Frame, model: PlotModel, avoiding obstacles: [Pixel],
    reserved: [Box]
  ) {
    for region in model.skippedRegions {
      let left = frame.px(max(region.lowerBound, frame.xAxis.lowerBound))
      let right = frame.px(min(region.upperBound, frame.xAxis.upperBound))
      let textWidth = estimatedWidth(region.label, size: 11)
      let centre = (left + right) / 2
      let isHorizontal = right - left >= textWidth + 10
      guard isHorizontal || right - left >= 12 else { continue }
      // Candidates, best first on a tie: the text's anchor and the box it covers, from the
      // bottom of the panel upwards in steps of a line (and, upright, across the region).
      var candidates: [(x: Double, y: Double, box: Box)] = []
      for baseline in stride(from: frame.bottom - 9, through: frame.top + 17, by: -14) {
        if isHorizontal {
          candidates.append(
            (centre, baseline, Box(centre - textWidth / 2, baseline - 12, textWidth, 14)))
        } else if baseline - textWidth >= frame.top + 4 {
          for x in [centre + 4, left + 13, right - 2] {
            candidates.append((x, baseline, Box(x - 11, baseline - textWidth, 12, textWidth)))
          }
        }
      }
      func cost(_ box: Box) -> Int {
        reserved.filter { $0.intersects(box) }.count * 10_000 + box.count(obstacles)
      }
      guard var best = candidates.first else { continue }
      for candidate in candidates.dropFirst() where cost(candidate.box) < cost(best.box) {
        best = candidate
      }
      let rotation =
        isHorizontal ? "" : " transform=\"rotate(-90 \(format(best.x)) \(format(best.y)))\""
      svg.text(
        region.label, x: best.x, y: best.y, size: 11, anchor: isHorizontal ? "middle" : "start",
        colour: "#555555", extra: "font-style=\"italic\"" + rotation)
    }
  }

  private func drawFrame(_ svg: inout SVGDocument, _ frame: Frame, labelsX: Bool) {
    svg.rect(
      x: frame.left, y: frame.top, width: frame.width, height: frame.height, fill: "none",
      extra: "stroke=\"#444444\" stroke-width=\"1\"")
    for tick in frame.xAxis.minorTicks {
      svg.line(
        frame.px(tick), frame.bottom, frame.px(tick), frame.bottom + 3, colour: "#444444", width: 1)
    }
    var lastLabelEnd = -Double.infinity
    for tick in frame.xAxis.ticks {
      let x = frame.px(tick.value)
      svg.line(x, frame.bottom, x, frame.bottom + 6, colour: "#444444", width: 1)
      let half = estimatedWidth(tick.label, size: 12) / 2
      guard labelsX, x - half > lastLabelEnd + 4 else { continue }
      lastLabelEnd = x + half
      svg.text(tick.label, x: x, y: frame.bottom + 20, size: 12, anchor: "middle")
    }
    for tick in frame.yAxis.ticks {
      let y = frame.py(tick.value)
      svg.line(frame.left - 6, y, frame.left, y, colour: "#444444", width: 1)
      svg.text(tick.label, x: frame.left - 9, y: y + 4, size: 12, anchor: "end")
    }
    let titleX = 20.0
    let titleY = frame.top + frame.height / 2
    svg.text(
      frame.yAxis.title, x: titleX, y: titleY, size: frame.height < 200 ? 11 : 13,
      anchor: "middle", extra: "transform=\"rotate(-90 \(format(titleX)) \(format(titleY)))\"")
  }

  private func drawSeries(
    _ svg: inout SVGDocument, _ series: PlotSeries?, in frame: Frame, colour: String,
    opacity: Double, width: Double
  ) {
    guard let series else { return }
    for part in frame.visibleParts(of: series) {
      if part.count == 1, let point = part.first {
        let centre = "cx=\"\(format(frame.px(point.x)))\" cy=\"\(format(frame.py(point.y)))\""
        svg.element(
          "circle",
          centre + " r=\"\(format(width))\" fill=\"\(colour)\" fill-opacity=\"\(format(opacity))\"")
        continue
      }
      let points = part.map { "\(format(frame.px($0.x))),\(format(frame.py($0.y)))" }
      svg.element(
        "polyline",
        "points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\""
          + " stroke-opacity=\"\(format(opacity))\" stroke-width=\"\(format(width))\""
          + " stroke-linejoin=\"round\" stroke-linecap=\"round\"")
    }
  }

  /// Where the recommendation's line and label go: the label right of the line, or left of it
  /// near the right edge; `nil` when the learning rate is outside the axis.
  private func recommendationBox(_ recommendation: PlotModel.Recommendation, in frame: Frame)
    -> (lineX: Double, textX: Double, isRightOfLine: Bool, box: Box)?
  {
    guard let position = logLearningRate(recommendation.learningRate),
      position >= frame.xAxis.lowerBound, position <= frame.xAxis.upperBound
    else { return nil }
    let x = frame.px(position)
    // A tighter estimate than `estimatedWidth`: bold 12 px text averages about 0.51 em here.
    let textWidth = Double(recommendation.label.count) * 12 * 0.54
    let isRight = x + 6 + textWidth + 4 <= frame.right
    let textX = isRight ? x + 6 : x - 6
    let boxX = isRight ? textX - 3 : textX - textWidth - 3
    return (x, textX, isRight, Box(boxX, frame.top + 6, textWidth + 6, 18))
  }

  private func drawRecommendation(
    _ svg: inout SVGDocument, _ recommendation: PlotModel.Recommendation,
    label: (lineX: Double, textX: Double, isRightOfLine: Bool, box: Box), from top: Frame,
    to bottom: Frame
  ) {
    svg.line(
      label.lineX, top.top, label.lineX, bottom.bottom, colour: "#000000", width: 2.2,
      extra: "stroke-dasharray=\"7 4\"")
    svg.rect(
      x: label.box.x, y: label.box.y, width: label.box.width, height: label.box.height,
      fill: "#FFFFFF", extra: "fill-opacity=\"0.9\"")
    svg.text(
      recommendation.label, x: label.textX, y: top.top + 19, size: 12,
      anchor: label.isRightOfLine ? "start" : "end", extra: "font-weight=\"bold\"")
  }

  private func drawMarker(
    _ svg: inout SVGDocument, styleIndex: Int, x: Double, y: Double, radius: Double
  ) {
    let paint =
      "fill=\"\(RulePalette.colour(styleIndex))\" stroke=\"#FFFFFF\" stroke-width=\"1.3\""
    let r = radius
    func polygon(_ corners: [(Double, Double)]) {
      let points = corners.map { "\(format(x + $0.0)),\(format(y + $0.1))" }
      svg.element("polygon", "points=\"\(points.joined(separator: " "))\" \(paint)")
    }
    switch RulePalette.shape(styleIndex) {
    case .circle:
      svg.element("circle", "cx=\"\(format(x))\" cy=\"\(format(y))\" r=\"\(format(r))\" \(paint)")
    case .square:
      polygon([(-r * 0.9, -r * 0.9), (r * 0.9, -r * 0.9), (r * 0.9, r * 0.9), (-r * 0.9, r * 0.9)])
    case .diamond:
      polygon([(0, -r * 1.25), (r * 1.25, 0), (0, r * 1.25), (-r * 1.25, 0)])
    case .triangleUp:
      polygon([(0, -r * 1.25), (r * 1.15, r * 0.85), (-r * 1.15, r * 0.85)])
    case .triangleDown:
      polygon([(0, r * 1.25), (r * 1.15, -r * 0.85), (-r * 1.15, -r * 0.85)])
    }
  }

  // MARK: - Legend

  /// The analysed loss in pixels, sampled every few pixels along its lines (so a steep tail
  /// with few points counts), plus the markers: what the legend and labels should not hide.
  private func drawnPoints(_ model: PlotModel, in frame: Frame) -> [Pixel] {
    var drawn: [Pixel] = []
    for part in frame.visibleParts(of: model.loss) {
      let pixels = part.map { Pixel(x: frame.px($0.x), y: frame.py($0.y)) }
      drawn += pixels.prefix(1)
      for (start, end) in zip(pixels, pixels.dropFirst()) {
        let length = max(abs(end.x - start.x), abs(end.y - start.y))
        let steps = max(1, Int(exactly: (length / 4).rounded(.up)) ?? 1)
        drawn += (1...steps).map { step in
          let t = Double(step) / Double(steps)
          return Pixel(x: start.x + t * (end.x - start.x), y: start.y + t * (end.y - start.y))
        }
      }
    }
    drawn += model.markers.map { Pixel(x: frame.px($0.x), y: $0.y.map(frame.py) ?? frame.bottom) }
    return drawn
  }

  private static let legendRowHeight = 19.0

  /// The legend's box: in the inner corner of the frame (top right, bottom left, bottom
  /// right, top left, first wins a tie) that hides the fewest drawn points, never over the
  /// recommendation's label when another corner is free of it.
  private func legendBox(
    _ model: PlotModel, in frame: Frame, avoiding obstacles: [Pixel], reserved: Box?
  ) -> Box? {
    let rows = model.legend.count + (model.recommendation == nil ? 0 : 1)
    guard rows > 0 else { return nil }
    let (idWidth, valueWidth) = legendColumns(model)
    let recommendationWidth = model.recommendation.map { estimatedWidth($0.label, size: 12) } ?? 0
    let width = 10 + 16 + 8 + max(idWidth + 14 + valueWidth, recommendationWidth) + 10
    let height = 8 + Double(rows) * Self.legendRowHeight + 4
    let inset = 10.0
    let corners = [
      Box(frame.right - inset - width, frame.top + inset, width, height),
      Box(frame.left + inset, frame.bottom - inset - height, width, height),
      Box(frame.right - inset - width, frame.bottom - inset - height, width, height),
      Box(frame.left + inset, frame.top + inset, width, height),
    ]
    func cost(_ box: Box) -> Int {
      (reserved.map { $0.intersects(box) } == true ? 10_000 : 0) + box.count(obstacles)
    }
    guard var best = corners.first else { return nil }
    var fewest = cost(best)
    for corner in corners.dropFirst() {
      let count = cost(corner)
      if count < fewest {
        best = corner
        fewest = count
      }
    }
    return best
  }

  private func legendColumns(_ model: PlotModel) -> (Double, Double) {
    (
      model.legend.map { estimatedWidth($0.ruleID, size: 12) }.max() ?? 0,
      model.legend.map { estimatedWidth($0.valueText, size: 12) }.max() ?? 0
    )
  }

  private func drawLegend(_ svg: inout SVGDocument, _ model: PlotModel, in box: Box) {
    let rowHeight = Self.legendRowHeight
    let (idWidth, valueWidth) = legendColumns(model)
    let (boxX, boxY, boxWidth, boxHeight) = (box.x, box.y, box.width, box.height)
    svg.rect(
      x: boxX, y: boxY, width: boxWidth, height: boxHeight, fill: "#FFFFFF",
      extra: "fill-opacity=\"0.92\" stroke=\"#AAAAAA\" stroke-width=\"1\" rx=\"3\" ry=\"3\"")
    var rowY = boxY + 8 + rowHeight / 2
    let symbolX = boxX + 10 + 8
    let textX = boxX + 10 + 16 + 8
    for entry in model.legend {
      let isAvailable = entry.learningRate != nil
      if entry.symbol != nil {
        drawMarker(&svg, styleIndex: entry.styleIndex, x: symbolX, y: rowY, radius: 5)
      } else {
        svg.line(symbolX - 5, rowY, symbolX + 5, rowY, colour: "#AAAAAA", width: 1.5)
      }
      let colour = isAvailable ? "#1A1A1A" : "#888888"
      svg.text(entry.ruleID, x: textX, y: rowY + 4, size: 12, anchor: "start", colour: colour)
      svg.text(
        entry.valueText, x: textX + idWidth + 14 + valueWidth, y: rowY + 4, size: 12,
        anchor: "end", colour: colour)
      rowY += rowHeight
    }
    if let recommendation = model.recommendation {
      svg.line(
        symbolX - 7, rowY, symbolX + 7, rowY, colour: "#000000", width: 2.2,
        extra: "stroke-dasharray=\"5 3\"")
      svg.text(
        recommendation.label, x: textX, y: rowY + 4, size: 12, anchor: "start",
        extra: "font-weight=\"bold\"")
    }
  }

  // MARK: - Helpers

  /// A generous estimate of a text's width in a sans-serif face: 0.6 em per character.
  private func estimatedWidth(_ text: String, size: Double) -> Double {
    Double(text.count) * size * 0.6
  }
}

/// A point in pixels.
private struct Pixel {
  var x: Double
  var y: Double
}

/// A rectangle in pixels.
private struct Box {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  init(_ x: Double, _ y: Double, _ width: Double, _ height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }

  /// How many points lie in the box or within 6 pixels of it.
  func count(_ points: [Pixel]) -> Int {
    points.filter { point in
      point.x >= x - 6 && point.x <= x + width + 6 && point.y >= y - 6
        && point.y <= y + height + 6
    }.count
  }

  func intersects(_ other: Box) -> Bool {
    x < other.x + other.width && other.x < x + width && y < other.y + other.height
      && other.y < y + height
  }
}

/// A panel's rectangle in pixels and its axes.
private struct Frame {
  var left: Double
  var top: Double
  var width: Double
  var height: Double
  var xAxis: PlotAxis
  var yAxis: PlotAxis

  var right: Double { left + width }
  var bottom: Double { top + height }

  func px(_ x: Double) -> Double { left + xAxis.fraction(of: x) * width }
  func py(_ y: Double) -> Double { top + (1 - yAxis.fraction(of: y)) * height }
  func contains(y: Double) -> Bool { y >= yAxis.lowerBound && y <= yAxis.upperBound }

  /// The parts of a series inside the panel's value range.
  func visibleParts(of series: PlotSeries) -> [[PlotPoint]] {
    series.segments.flatMap {
      PolylineClipper.clip($0, lower: yAxis.lowerBound, upper: yAxis.upperBound)
    }
  }
}

/// Prints a coordinate with exactly two decimals.
private func format(_ value: Double) -> String { NumberFormat.fixed(value, fractionDigits: 2) }

/// An SVG document being written, one element per line.
private struct SVGDocument {
  private var lines: [String]

  init(width: Double, height: Double, title: String) {
    let size = "width=\"\(format(width))\" height=\"\(format(height))\""
    lines = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" \(size)"
        + " viewBox=\"0 0 \(format(width)) \(format(height))\" font-family=\"sans-serif\">",
      "  <title>\(MarkupText.escape(title))</title>",
      "  <rect x=\"0.00\" y=\"0.00\" \(size) fill=\"#FFFFFF\"/>",
    ]
  }

  mutating func element(_ name: String, _ attributes: String) {
    lines.append("  <\(name) \(attributes)/>")
  }

  mutating func line(
    _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, colour: String, width: Double,
    extra: String = ""
  ) {
    element(
      "line",
      "x1=\"\(format(x1))\" y1=\"\(format(y1))\" x2=\"\(format(x2))\" y2=\"\(format(y2))\""
        + " stroke=\"\(colour)\" stroke-width=\"\(format(width))\""
        + (extra.isEmpty ? "" : " " + extra))
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, extra: String = ""
  ) {
    element(
      "rect",
      "x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(width))\""
        + " height=\"\(format(height))\" fill=\"\(fill)\"" + (extra.isEmpty ? "" : " " + extra))
  }

  mutating func text(
    _ content: String, x: Double, y: Double, size: Double, anchor: String,
    colour: String = "#1A1A1A", extra: String = ""
  ) {
    lines.append(
      "  <text x=\"\(format(x))\" y=\"\(format(y))\" font-size=\"\(format(size))\""
        + " text-anchor=\"\(anchor)\" fill=\"\(colour)\"" + (extra.isEmpty ? "" : " " + extra)
        + ">\(MarkupText.escape(content))</text>")
  }

  func finish() -> String {
    (lines + ["</svg>"]).joined(separator: "\n") + "\n"
  }

}
