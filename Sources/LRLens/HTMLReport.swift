/// One self-contained HTML page for a batch of runs: a sortable summary table, how far the
/// rules disagree, and each run's SVG plot inline.
///
/// The page loads nothing: styles, the sorting script and the plots are all inside it. Its text
/// depends only on the runs (no dates), so the same runs give the same bytes.
public struct HTMLReport: Sendable {
  /// One input of the batch, in input order.
  public enum Entry: Sendable {
    /// A file that was read and analysed.
    case analysed(AnalysedFile)
    /// A file that could not be read, with why.
    case failed(path: String, error: LRLensError)
  }

  /// The inputs, in input order.
  public private(set) var entries: [Entry] = []
  private let ruleIDs: [String]
  private let plotRenderer: SVGRenderer

  /// Creates an empty report.
  ///
  /// - Parameters:
  ///   - ruleIDs: The rules whose values fill the table's columns.
  ///   - plotRenderer: Draws each run's plot.
  public init(ruleIDs: [String], plotRenderer: SVGRenderer = SVGRenderer(width: 860, height: 560)) {
    self.ruleIDs = ruleIDs
    self.plotRenderer = plotRenderer
  }

  /// Adds an input at the end.
  ///
  /// - Parameter entry: The analysed or failed input.
  public mutating func add(_ entry: Entry) {
    entries.append(entry)
  }

  /// How far apart the rules' suggestions are: log10 of the largest over the smallest, in
  /// decades, or `nil` when fewer than two rules answered.
  ///
  /// - Parameter rates: The rules' learning rates (unavailable ones left out).
  /// - Returns: The spread in decades.
  static func spreadInDecades(_ rates: [Double]) -> Double? {
    let positive = rates.filter { $0 > 0 && $0.isFinite }
    guard positive.count >= 2, let low = positive.min(), let high = positive.max() else {
      return nil
    }
    return LibM.log10(high) - LibM.log10(low)
  }

  /// The page.
  ///
  /// - Returns: The HTML document, ending with a newline.
  public func html() -> String {
    let failures = entries.filter { if case .failed = $0 { true } else { false } }.count
    var page = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>lrlens report: \(entries.count) \(entries.count == 1 ? "run" : "runs")</title>
      <style>
      \(Self.styleSheet)
      </style>
      </head>
      <body>
      <h1>lrlens report</h1>
      <p class="lead">\(entries.count) \(entries.count == 1 ? "run" : "runs")\
      \(failures > 0 ? ", \(failures) could not be read" : ""). Click a column title to sort; \
      <em>spread</em> is how many decades separate the suggestions of the rules meaningful on \
      the run's grid (lightning, which differentiates against the linear rate, only on linear \
      grids; green under 0.5, amber under 1.5, red beyond), and the strip shows each rule on \
      the run's log-lr axis.</p>

      """
    // Each plot model is built once and drawn twice: as the strip and as the plot.
    let models = entries.map { entry -> PlotModel? in
      if case .analysed(let file) = entry { file.plotModel } else { nil }
    }
    page += summaryTable(models: models)
    for (index, entry) in entries.enumerated() {
      page += section(entry, number: index + 1, model: models[index])
    }
    page += "<script>\n\(Self.sortScript)\n</script>\n</body>\n</html>\n"
    return page
  }

  // MARK: - Table

  private func summaryTable(models: [PlotModel?]) -> String {
    var table = "<div class=\"table\"><table id=\"summary\">\n<thead><tr>"
    table += header("#", type: "number") + header("file", type: "text")
    table += header("framework", type: "text") + header("points", type: "number")
    table += header("preset", type: "text") + header("recommended", type: "number")
    table += header("confidence", type: "number") + header("spread", type: "number")
    table += "<th>rules on log lr</th>"
    for id in ruleIDs {
      table += header(id, type: "number")
    }
    table += "</tr></thead>\n<tbody>\n"
    for (index, entry) in entries.enumerated() {
      table += row(entry, number: index + 1, model: models[index])
    }
    return table + "</tbody>\n</table></div>\n" + stripKey(models: models)
  }

  /// The key of the strips: each rule's colour, as the plots draw it.
  private func stripKey(models: [PlotModel?]) -> String {
    var colours: [(String, Int)] = []
    for entry in models.compactMap({ $0 }).flatMap(\.legend)
    where !colours.contains(where: { $0.0 == entry.ruleID }) {
      colours.append((entry.ruleID, entry.styleIndex))
    }
    guard !colours.isEmpty else { return "" }
    let items = colours.map { id, style in
      "<span class=\"key\"><svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\">"
        + "<circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"\(RulePalette.colour(style))\"/></svg> "
        + "\(MarkupText.escape(id))</span>"
    }
    return "<p class=\"strip-key\">Strip key: \(items.joined(separator: " "))</p>\n"
  }

  private func header(_ title: String, type: String) -> String {
    "<th data-type=\"\(type)\" tabindex=\"0\">\(Self.breakable(title))</th>"
  }

  private func row(_ entry: Entry, number: Int, model: PlotModel?) -> String {
    var cells = "<td data-value=\"\(number)\">\(number)</td>"
    switch entry {
    case .failed(let path, let error):
      cells += "<td class=\"file\"><a href=\"#run-\(number)\">\(Self.breakable(path))</a></td>"
      cells += "<td class=\"failed\">error (exit \(error.kind.exitCode))</td>"
      cells += "<td data-value=\"\"></td><td></td><td data-value=\"\"></td>"
      cells += "<td data-value=\"\"></td><td data-value=\"\"></td><td></td>"
      cells += String(repeating: "<td data-value=\"\"></td>", count: ruleIDs.count)
      return "<tr data-run=\"\(number)\" class=\"failed-row\">\(cells)</tr>\n"
    case .analysed(let file):
      let report = file.report
      cells +=
        "<td class=\"file\"><a href=\"#run-\(number)\">\(Self.breakable(report.file))</a></td>"
      cells += "<td>\(MarkupText.escape(report.framework))</td>"
      cells += "<td data-value=\"\(report.points)\">\(report.points)</td>"
      cells += "<td>\(MarkupText.escape(report.preset ?? "-"))</td>"
      let recommendation = report.recommendation
      if let rate = recommendation.lr {
        cells +=
          "<td data-value=\"\(rate)\" class=\"recommended\">\(FileReport.significant(rate))</td>"
      } else {
        cells += "<td data-value=\"\" class=\"refused\">none</td>"
      }
      cells +=
        "<td data-value=\"\(recommendation.confidence)\" class=\"level-\(recommendation.level)\" "
        + "title=\"\(MarkupText.escape(recommendation.reason))\">\(recommendation.level)</td>"
      let rates = ruleIDs.map { id in report.suggestions.first(where: { $0.rule == id })?.lr }
      let spacing = LearningRateSpacing(file.curve.learningRates)
      let meaningful = zip(ruleIDs, rates).filter {
        SuggesterRegistry.isMeaningful($0.0, on: spacing)
      }
      let left = ruleIDs.filter { !SuggesterRegistry.isMeaningful($0, on: spacing) }
      if let spread = Self.spreadInDecades(meaningful.compactMap(\.1)) {
        let level = spread < 0.5 ? "agree" : spread < 1.5 ? "differ" : "disagree"
        let text = String(format2: spread)
        let title =
          left.isEmpty
          ? "" : " title=\"left out, not meaningful on this grid: \(left.joined(separator: ", "))\""
        cells += "<td data-value=\"\(spread)\" class=\"\(level)\"\(title)>\(text)</td>"
      } else {
        cells += "<td data-value=\"\" class=\"none\">-</td>"
      }
      cells += "<td>\(model.map(strip) ?? "")</td>"
      for rate in rates {
        if let rate {
          cells +=
            "<td data-value=\"\(rate)\" class=\"rate\">\(FileReport.significant(rate))</td>"
        } else {
          cells += "<td data-value=\"\" class=\"none\">-</td>"
        }
      }
      return "<tr data-run=\"\(number)\">\(cells)</tr>\n"
    }
  }

  /// A path as HTML that may wrap after a `/`, `_` or `-` but never inside a word.
  static func breakable(_ path: String) -> String {
    var html = ""
    for character in path {
      html += MarkupText.escape(String(character))
      if "/_-".contains(character) { html += "<wbr>" }
    }
    return html
  }

  /// A small SVG with one dot per rule at its learning rate on the run's log-lr axis.
  private func strip(_ model: PlotModel) -> String {
    let (width, height, pad) = (180.0, 18.0, 5.0)
    let axis = model.xAxis
    let span = axis.upperBound - axis.lowerBound
    guard span > 0 else { return "" }
    var svg =
      "<svg class=\"strip\" xmlns=\"http://www.w3.org/2000/svg\" width=\"180\" height=\"18\" "
      + "viewBox=\"0 0 180 18\"><line x1=\"\(pad)\" y1=\"9\" x2=\"\(width - pad)\" y2=\"9\" "
      + "stroke=\"#bbbbbb\"/>"
    for entry in model.legend {
      guard let rate = entry.learningRate, rate > 0, rate.isFinite else { continue }
      let fraction = min(max((LibM.log10(rate) - axis.lowerBound) / span, 0), 1)
      let x = pad + fraction * (width - 2 * pad)
      svg +=
        "<circle cx=\"\(String(format2: x))\" cy=\"\(height / 2)\" r=\"4\" "
        + "fill=\"\(RulePalette.colour(entry.styleIndex))\" fill-opacity=\"0.85\">"
        + "<title>\(MarkupText.escape(entry.text))</title></circle>"
    }
    return svg + "</svg>"
  }

  // MARK: - Sections

  private func section(_ entry: Entry, number: Int, model: PlotModel?) -> String {
    switch entry {
    case .failed(let path, let error):
      return """
        <section id="run-\(number)" class="run">
        <h2>\(number). \(MarkupText.escape(path))</h2>
        <pre class="error">\(MarkupText.escape(error.description))</pre>
        </section>

        """
    case .analysed(let file):
      let report = file.report
      let smoothed = report.smoothed.map { $0 ? "smoothed" : "raw" } ?? "smoothing unknown"
      var text = """
        <section id="run-\(number)" class="run">
        <h2>\(number). \(MarkupText.escape(report.file))</h2>
        <p class="facts">\(MarkupText.escape(report.format)), \(MarkupText.escape(report.framework)), \
        \(report.points) points (\(smoothed)), preset \(MarkupText.escape(report.preset ?? "none")), \
        rules on rows \(report.skipStart)..<\(report.points - report.skipEnd) \
        (\(report.windowPoints) points), smoothing \(MarkupText.escape(report.smoothing))</p>
        <p class="recommendation">recommended \
        \(report.recommendation.lr.map(FileReport.significant) ?? "none") \
        (\(MarkupText.escape(report.recommendation.level))): \
        \(MarkupText.escape(report.recommendation.reason))\
        \(report.recommendation.findings.isEmpty ? "" : "<br>findings: " + MarkupText.escape(report.recommendation.findings.joined(separator: ", ")))</p>
        <figure>\(model.map(inlineSVG) ?? "")</figure>

        """
      if !report.diagnostics.isEmpty {
        text += "<ul class=\"diagnostics\">\n"
        for diagnostic in report.diagnostics {
          text += "<li>\(MarkupText.escape(diagnostic))</li>\n"
        }
        text += "</ul>\n"
      }
      return text + "</section>\n"
    }
  }

  /// The run's plot without its XML declaration, so it can sit inside HTML.
  private func inlineSVG(_ model: PlotModel) -> String {
    let document = plotRenderer.render(model)
    guard document.hasPrefix("<?xml"), let end = document.firstIndex(of: "\n") else {
      return document
    }
    return String(document[document.index(after: end)...])
  }

  // MARK: - Style and script

  private static let styleSheet = """
    body { font-family: system-ui, sans-serif; margin: 16px; color: #1a1a1a; }
    h1 { margin-bottom: 4px; }
    p.lead { color: #444; max-width: 70em; }
    div.table { overflow-x: auto; margin: 16px 0 32px; }
    table { border-collapse: collapse; font-size: 11px; }
    th, td { border-bottom: 1px solid #ddd; padding: 3px 4px; text-align: left; \
    white-space: nowrap; }
    th { white-space: normal; vertical-align: bottom; }
    svg.strip { width: 110px; height: 18px; }
    td.file { white-space: normal; min-width: 11em; max-width: 16em; overflow-wrap: normal; \
    word-break: normal; }
    td.file a { display: inline; }
    td.file wbr { display: inline; }
    p.strip-key { font-size: 12px; color: #444; }
    span.key { margin-right: 10px; white-space: nowrap; }
    p.recommendation { font-size: 13px; }
    th { background: #f3f3f3; cursor: pointer; user-select: none; position: sticky; top: 0; }
    th[aria-sort="ascending"]::after { content: " \\25B2"; }
    th[aria-sort="descending"]::after { content: " \\25BC"; }
    td.rate { font-variant-numeric: tabular-nums; }
    td.none { color: #999; }
    td.recommended { font-weight: bold; }
    td.refused, td.level-low { color: #a40000; }
    td.level-medium { color: #8a5a00; }
    td.level-high { color: #1d6b1d; }
    td.agree { background: #d9f2d9; }
    td.differ { background: #fde7b0; }
    td.disagree { background: #f7c4c0; }
    td.failed, pre.error { color: #a40000; }
    tr.failed-row td { background: #fff3f3; }
    section.run { border-top: 1px solid #ccc; padding-top: 8px; margin-top: 24px; }
    section.run h2 { font-size: 17px; }
    p.facts { color: #555; font-size: 13px; }
    figure { margin: 0; }
    figure svg { max-width: 100%; height: auto; }
    ul.diagnostics { color: #8a5a00; font-size: 13px; }
    pre.error { white-space: pre-wrap; }
    """

  // Sorts the table by a clicked column: numbers by `data-value` (empty last), text by
  // content; a second click reverses.
  private static let sortScript = """
    (function () {
      var table = document.getElementById("summary");
      var headers = table.tHead.rows[0].cells;
      function key(row, column, type) {
        var cell = row.cells[column];
        if (type === "number") {
          var value = cell.getAttribute("data-value");
          return value === null || value === "" ? NaN : parseFloat(value);
        }
        return cell.textContent.toLowerCase();
      }
      function sortBy(column) {
        var header = headers[column];
        var type = header.getAttribute("data-type");
        var ascending = header.getAttribute("aria-sort") !== "ascending";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, column, type), y = key(b, column, type);
          if (type === "number") {
            if (isNaN(x) || isNaN(y)) { return isNaN(x) - isNaN(y); }
            return ascending ? x - y : y - x;
          }
          return ascending ? x.localeCompare(y) : y.localeCompare(x);
        });
        rows.forEach(function (row) { body.appendChild(row); });
        for (var i = 0; i < headers.length; i++) { headers[i].removeAttribute("aria-sort"); }
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      Array.prototype.forEach.call(headers, function (header, column) {
        if (!header.hasAttribute("data-type")) { return; }
        header.addEventListener("click", function () { sortBy(column); });
        header.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { sortBy(column); }
        });
      });
    })();
    """
}

extension String {
  /// Formats a number with two decimals, without Foundation's locale-dependent formatting.
  fileprivate init(format2 value: Double) {
    let scaled = (value * 100).rounded()
    guard scaled.isFinite, let hundredths = Int(exactly: scaled) else {
      self = "\(value)"
      return
    }
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = hundredths.magnitude
    let fraction = magnitude % 100
    self = "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
