public import LRLensCore

/// The result of analysing one curve: the settings used, the prepared curve, every rule's
/// answer and the diagnostics.
public struct Analysis: Sendable {
  /// The settings used.
  public var settings: AnalysisSettings
  /// The smoothed curve and the window the rules looked at.
  public var curve: PreparedCurve
  /// Each rule's answer, in the order of `settings.ruleIDs`.
  public var results: [RuleResult]
  /// Warnings and notes about the curve and the analysis.
  public var diagnostics: [Diagnostic]
  /// lrlens's own recommendation, from the curve as read (the rules shown only make its list
  /// of agreeing rules).
  public var recommendation: Recommendation
}

/// One rule's answer.
public struct RuleResult: Sendable, Equatable {
  /// The rule id.
  public var id: String
  /// Its suggestion, or why there is none.
  public var suggestion: Suggestion
}

/// Runs the rules on a curve: smooth, trim, suggest.
///
/// Pure and deterministic: no I/O, the same curve and settings give the same analysis.
public enum Analyzer {
  /// Analyses a curve.
  ///
  /// - Parameters:
  ///   - curve: The curve as read.
  ///   - settings: The trimming, smoothing and rules to use.
  /// - Returns: Every rule's answer with diagnostics, and lrlens's own recommendation; a rule
  ///   that cannot answer is unavailable, never an error.
  /// - Complexity: O(n log n) per rule at most, plus the recommendation's O(n·k log k).
  public static func analyze(_ curve: LossCurve, settings: AnalysisSettings) -> Analysis {
    let location = InputLocation(path: curve.provenance.path)
    let losses = settings.smoothing.apply(to: curve.losses)
    let window = settings.trimming.window(over: losses)
    let prepared = PreparedCurve(
      learningRates: curve.learningRates, losses: losses, window: window)
    var diagnostics = describe(curve, at: location)
    if window.isEmpty {
      diagnostics.append(
        Diagnostic(
          .warning, at: location,
          """
          no points left after trimming \(settings.trimming.skipStart) at the start and \
          \(settings.trimming.skipEnd) at the end of \(curve.count); lower --skip-start or \
          --skip-end
          """))
    }
    let independent = settings.ruleIDs.map { id in
      RuleResult(id: id, suggestion: suggestion(id: id, on: prepared, settings: settings))
    }
    let results = settings.preset?.coupled(independent) ?? independent
    let recommended =
      settings.trimsRecommendation
      ? curve.dropping(first: settings.trimming.skipStart, last: settings.trimming.skipEnd)
      : curve
    let recommendation = Recommender.recommend(
      recommended, ruleResults: results, schedule: settings.schedule)
    return Analysis(
      settings: settings, curve: prepared, results: results, diagnostics: diagnostics,
      recommendation: recommendation)
  }

  private static func suggestion(
    id: String, on curve: PreparedCurve, settings: AnalysisSettings
  ) -> Suggestion {
    if let minimum = settings.minimumPoints, curve.losses.count < minimum {
      return .unavailable(
        reason: """
          Need at least \(minimum) iterations to suggest a learning rate. \
          Got \(curve.losses.count) (torch-lr-finder)
          """)
    }
    guard let suggester = SuggesterRegistry.makeSuggester(id: id, parameters: settings.parameters)
    else {
      return .unavailable(reason: "unknown rule '\(id)'")
    }
    return suggester.suggest(on: curve)
  }

  /// Warnings about the curve itself: non-finite losses and learning rates that do not grow.
  private static func describe(_ curve: LossCurve, at location: InputLocation) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let nonFinite = curve.losses.indices.filter { !curve.losses[$0].isFinite }
    if let first = nonFinite.first {
      let tail = nonFinite.count == curve.count - first ? " (a non-finite tail)" : ""
      diagnostics.append(
        Diagnostic(
          .warning, at: location,
          """
          \(nonFinite.count) of \(curve.count) losses are NaN or infinite, the first at \
          point \(first)\(tail)
          """))
    }
    if let drop = curve.learningRates.indices.dropFirst().first(where: {
      curve.learningRates[$0] <= curve.learningRates[$0 - 1]
    }) {
      diagnostics.append(
        Diagnostic(
          .warning, at: location,
          "learning rates do not increase at point \(drop): is this an LR range test?"))
    }
    return diagnostics
  }
}

extension LossCurve {
  /// The curve without its first and last points (`--skip-start`, `--skip-end`).
  ///
  /// - Parameters:
  ///   - first: How many points to drop at the start.
  ///   - last: How many points to drop at the end.
  /// - Returns: The shorter curve (empty when the two overlap).
  fileprivate func dropping(first: Int, last: Int) -> LossCurve {
    let lower = min(max(first, 0), count)
    let upper = max(lower, count - max(last, 0))
    var trimmed = self
    trimmed.learningRates = Array(learningRates[lower..<upper])
    trimmed.losses = Array(losses[min(lower, losses.count)..<min(upper, losses.count)])
    trimmed.rawLosses = rawLosses.map { Array($0[min(lower, $0.count)..<min(upper, $0.count)]) }
    trimmed.parameterGroups = parameterGroups.map { group in
      var group = group
      let rates = group.learningRates
      group.learningRates = Array(rates[min(lower, rates.count)..<min(upper, rates.count)])
      return group
    }
    trimmed.provenance.lineNumbers = provenance.lineNumbers.map {
      Array($0[min(lower, $0.count)..<min(upper, $0.count)])
    }
    return trimmed
  }
}
