public import LRLensCore

/// Everything that decides an analysis: trimming, smoothing, rules and their parameters.
public struct AnalysisSettings: Sendable, Hashable {
  /// The preset the settings come from, or `nil` for lrlens's defaults.
  public var preset: Preset?
  /// The trimming.
  public var trimming: Trimming
  /// The smoothing applied before the rules.
  public var smoothing: Smoothing
  /// The rules to run, in report order.
  public var ruleIDs: [String]
  /// The rules' parameters.
  public var parameters: RuleParameters
  /// The fewest points accepted before any rule runs (torch-lr-finder's check), if any.
  public var minimumPoints: Int?
  /// The schedule the recommendation is for.
  public var schedule: TrainingSchedule
  /// Whether the recommendation, too, leaves out the points the trimming skips (when the user
  /// set the skips; lrlens's default skips apply to the framework rules only).
  public var trimsRecommendation = false

  /// Creates settings.
  ///
  /// - Parameters:
  ///   - preset: The preset they come from, if any.
  ///   - trimming: The trimming.
  ///   - smoothing: The smoothing.
  ///   - ruleIDs: The rules to run.
  ///   - parameters: The rules' parameters.
  ///   - minimumPoints: The fewest points accepted, if checked.
  ///   - schedule: The schedule the recommendation is for.
  public init(
    preset: Preset?, trimming: Trimming, smoothing: Smoothing, ruleIDs: [String],
    parameters: RuleParameters = RuleParameters(), minimumPoints: Int? = nil,
    schedule: TrainingSchedule = .constant
  ) {
    self.schedule = schedule
    self.preset = preset
    self.trimming = trimming
    self.smoothing = smoothing
    self.ruleIDs = ruleIDs
    self.parameters = parameters
    self.minimumPoints = minimumPoints
  }
}

/// The choices a user can make on top of a preset or of lrlens's defaults.
public struct AnalysisOptions: Sendable, Hashable {
  /// The framework preset, or `nil` for lrlens's defaults.
  public var preset: Preset?
  /// The rules to run instead of the preset's (`--rules`).
  public var ruleIDs: [String]?
  /// Points to skip at the start instead of the preset's (`--skip-start`).
  public var skipStart: Int?
  /// Points to skip at the end instead of the preset's (`--skip-end`).
  public var skipEnd: Int?
  /// The smoothing instead of the preset's (`--smooth`).
  public var smoothing: Smoothing?
  /// fastai's requested `num_it` (`--num-it`), which sets its start skip.
  public var numIterations: Int
  /// Rule parameters (`--sma`).
  public var parameters: RuleParameters
  /// The schedule the recommendation is for (`--schedule`).
  public var schedule: TrainingSchedule

  /// Creates analysis options.
  ///
  /// - Parameters:
  ///   - preset: The framework preset, if any.
  ///   - ruleIDs: Rules to run instead of the preset's.
  ///   - skipStart: A start skip instead of the preset's.
  ///   - skipEnd: An end skip instead of the preset's.
  ///   - smoothing: A smoothing instead of the preset's.
  ///   - numIterations: fastai's `num_it`, 100 by default.
  ///   - parameters: Rule parameters.
  ///   - schedule: The schedule the recommendation is for.
  public init(
    preset: Preset? = nil, ruleIDs: [String]? = nil, skipStart: Int? = nil, skipEnd: Int? = nil,
    smoothing: Smoothing? = nil, numIterations: Int = 100,
    parameters: RuleParameters = RuleParameters(), schedule: TrainingSchedule = .constant
  ) {
    self.schedule = schedule
    self.preset = preset
    self.ruleIDs = ruleIDs
    self.skipStart = skipStart
    self.skipEnd = skipEnd
    self.smoothing = smoothing
    self.numIterations = numIterations
    self.parameters = parameters
  }

  /// The settings for a curve: the preset's, or lrlens's defaults for the detected source,
  /// with the user's overrides on top, and notes saying what was chosen and why.
  ///
  /// lrlens's defaults run every rule; skip `min(10, n/10)` points at the start and
  /// `min(5, n/20)` at the end (an end skip of 0 keeps everything); cut the window at the first
  /// non-finite loss; and smooth with fastai's debiased EMA only when the losses look raw,
  /// never a second time.
  ///
  /// - Parameter curve: The curve to analyse.
  /// - Returns: The settings and notes about the choices.
  public func settings(for curve: LossCurve) -> (AnalysisSettings, [Diagnostic]) {
    var notes: [Diagnostic] = []
    var settings: AnalysisSettings
    if let preset {
      let trimming = preset.trimming(numIterations: numIterations)
      settings = AnalysisSettings(
        preset: preset, trimming: trimming, smoothing: preset.smoothing,
        ruleIDs: preset.ruleIDs, parameters: parameters)
      if preset == .fastai, curve.count > numIterations {
        // fastai records at most num_it points, so this curve was not made with this num_it.
        notes.append(
          Diagnostic(
            .note,
            """
            preset fastai: assumed num_it \(numIterations), skipping its num_it // 10 = \
            \(numIterations / 10) points at the start, but the curve has \(curve.count) points \
            and fastai records at most num_it; pass the run's --num-it
            """))
      }
    } else {
      let count = curve.count
      let isRaw = curve.provenance.isSmoothed == false
      settings = AnalysisSettings(
        preset: nil,
        trimming: Trimming(skipStart: min(10, count / 10), skipEnd: min(5, count / 20)),
        smoothing: isRaw ? .fastai : .none, ruleIDs: SuggesterRegistry.reportOrder,
        parameters: parameters)
      let smoothingNote =
        switch curve.provenance.isSmoothed {
        case false?:
          "losses look raw (\(curve.provenance.smoothingEvidence)), smoothed with fastai's EMA"
        case true?: "losses look smoothed already, not smoothed again"
        case nil: "cannot tell whether the losses are smoothed (too few points), used as they are"
        }
      let source =
        curve.provenance.framework == .unknown
        ? "source framework not recognised"
        : "source looks like \(curve.provenance.framework.rawValue)"
      notes.append(
        Diagnostic(
          .note,
          "no preset: \(source); \(smoothingNote)"))
    }
    if let ruleIDs { settings.ruleIDs = ruleIDs }
    settings.schedule = schedule
    // Skips beyond the point count select nothing either way; clamping them keeps every later
    // sum (such as torch-lr-finder's skip_start + skip_end + 2) far from overflow.
    if let skipStart { settings.trimming.skipStart = min(max(skipStart, 0), curve.count) }
    if let skipEnd { settings.trimming.skipEnd = min(max(skipEnd, 0), curve.count) }
    settings.trimsRecommendation = skipStart != nil || skipEnd != nil
    if let smoothing { settings.smoothing = smoothing }
    settings.minimumPoints = preset?.minimumPoints(for: settings.trimming)
    if let preset, smoothing == nil, preset.framework.recordsSmoothedLosses == true,
      curve.provenance.isSmoothed == false
    {
      notes.append(
        Diagnostic(
          .note,
          """
          the \(preset.rawValue) preset expects smoothed losses but these look raw \
          (\(curve.provenance.smoothingEvidence)), so its rules see noise; add --smooth \
          fastai or --smooth pytorch to smooth them
          """))
    }
    return (settings, notes)
  }
}
