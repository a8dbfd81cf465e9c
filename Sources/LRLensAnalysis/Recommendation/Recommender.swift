public import LRLensCore

/// lrlens's own recommendation: a learning rate located robustly on the curve, checked against
/// every framework rule, with a confidence and findings that say what to change.
///
/// **What it picks.** The learning rate where the smoothed loss has fallen `fallFraction`
/// (half) of the way from the top of the main descent to its bottom — on a symmetric descent
/// the steepest point — but never more than `maximumDecadesBelowMinimum` decades below where
/// the loss bottoms out before divergence (a long gradual descent, or a slow further decline
/// after the main fall, would otherwise put it too low). The span
/// ``Recommendation/range`` runs from where the fall starts to that value.
///
/// **How.** It works against log10 LR throughout (never linear LR). It uses raw losses where
/// it can (the raw column, or the framework's EMA undone), cuts a non-finite tail and the
/// divergence, chooses the smoothing window from the measured noise (running median, then
/// local linear regression), finds the falls with a noise-aware zigzag, splits them at plateaus,
/// ignores early transients, and takes the largest (``DescentAnalysis``).
///
/// **Confidence** is the product of five factors in `[0, 1]`: significance (depth over
/// smoothed noise), resolution (points in the descent), divergence (seen, flattened, or still
/// falling), stability (the pick at half and twice the smoothing window) and agreement (share
/// of scale-invariant rules within `agreementDistance`), capped by findings (running mean,
/// non-monotonic LR, descent already under way at the first point). Low confidence refuses.
///
/// **Guarantees.** Deterministic; never traps (0, 1, 2 points, NaN, ±∞, constant, increasing,
/// non-monotonic LR); the learning rate and range lie inside the tested learning rates; the
/// learning rate does not depend on the loss's scale or offset (up to rounding).
public enum Recommender {
  /// The rules whose values feed the recommendation and its confidence: those whose answer
  /// does not change when the losses are scaled or offset (`slide`, `slide_rule` and `minima`
  /// use absolute or ratio thresholds on the loss, so they only count as agreeing).
  public static let scaleInvariantRuleIDs: Set<String> = [
    "valley", "minimum", "steep", "min_grad", "lightning", "ignite", "sma_derivative",
  ]

  /// Recommends a learning rate for a curve.
  ///
  /// - Parameters:
  ///   - curve: The curve as read (not smoothed by the analysis settings).
  ///   - ruleResults: The framework rules' answers already computed; any rule of
  ///     ``SuggesterRegistry/reportOrder`` missing here is computed with lrlens's default
  ///     settings for the curve.
  ///   - tuning: The constants; ``RecommenderTuning/standard`` unless experimenting.
  /// - Returns: The recommendation, or a refusal that says why.
  /// - Complexity: O(n·k log k) for n points and smoothing windows of k points (n is capped
  ///   at `maximumAnalysedPoints`), plus the missing rules.
  public static func recommend(
    _ curve: LossCurve, ruleResults: [RuleResult], tuning: RecommenderTuning = .standard
  ) -> Recommendation {
    let rules = completed(ruleResults, for: curve)
    let input = CurvePreparation(curve, tuning: tuning)
    var builder = RecommendationBuilder(input: input, rules: rules, tuning: tuning)
    return builder.build()
  }

  /// The rule results with every rule of ``SuggesterRegistry/reportOrder`` present: the given
  /// ones first (as given), then the missing ones computed with lrlens's default settings.
  ///
  /// - Parameters:
  ///   - results: The rule results already computed.
  ///   - curve: The curve.
  /// - Returns: The completed results.
  static func completed(_ results: [RuleResult], for curve: LossCurve) -> [RuleResult] {
    let present = Set(results.map(\.id))
    let missing = SuggesterRegistry.reportOrder.filter { !present.contains($0) }
    guard !missing.isEmpty else { return results }
    let (settings, _) = AnalysisOptions().settings(for: curve)
    let losses = settings.smoothing.apply(to: curve.losses)
    let count = min(losses.count, curve.learningRates.count)
    let prepared = PreparedCurve(
      learningRates: Array(curve.learningRates.prefix(count)),
      losses: Array(losses.prefix(count)),
      window: settings.trimming.window(over: Array(losses.prefix(count))))
    return results
      + missing.map { id in
        let suggestion =
          SuggesterRegistry.makeSuggester(id: id, parameters: settings.parameters)?
          .suggest(on: prepared) ?? .unavailable(reason: "unknown rule '\(id)'")
        return RuleResult(id: id, suggestion: suggestion)
      }
  }
}

/// Assembles a recommendation from a prepared curve: locate, score, explain.
private struct RecommendationBuilder {
  let input: CurvePreparation
  let rules: [RuleResult]
  let tuning: RecommenderTuning
  var findings: [CurveFinding]
  var cap: Double

  init(input: CurvePreparation, rules: [RuleResult], tuning: RecommenderTuning) {
    self.input = input
    self.rules = rules
    self.tuning = tuning
    findings = input.findings
    cap = input.confidenceCap
  }

  /// The rule values in decades, by id, for rules that answered with a usable value.
  var ruleDecades: [(id: String, decade: Double)] {
    rules.compactMap { result in
      guard let value = result.suggestion.value?.learningRate, value.isFinite, value > 0
      else { return nil }
      return (result.id, LibM.log10(value))
    }
  }

  /// The rules within `agreementDistance` decades of a value, in report order.
  func agreeing(with decade: Double) -> [String] {
    let near = Set(
      ruleDecades.filter { abs($0.decade - decade) <= tuning.agreementDistance }.map(\.id))
    let ordered = SuggesterRegistry.reportOrder.filter { near.contains($0) }
    return ordered + rules.map(\.id).filter { near.contains($0) && !ordered.contains($0) }
  }

  /// A value clamped to the tested learning rates.
  func clamped(_ rate: Double) -> Double {
    guard let tested = input.tested else { return rate }
    return min(max(rate, tested.low), tested.high)
  }

  mutating func refuse(
    _ why: String, landmarks: CurveLandmarks? = nil, score: Double = 0
  ) -> Recommendation {
    let range: LearningRateRange
    if let landmarks {
      range = LearningRateRange(
        low: clamped(landmarks.descentStart), high: clamped(landmarks.minimum))
    } else {
      range = input.tested ?? LearningRateRange(low: 0, high: 0)
    }
    let agreeingRules = landmarks.map { agreeing(with: LibM.log10($0.halfFall)) } ?? []
    return Recommendation(
      learningRate: nil, range: range,
      confidence: RecommendationConfidence(score: min(max(score, 0), 1), level: .low),
      agreeingRules: agreeingRules, reason: "no reliable suggestion: \(why)",
      findings: findings, landmarks: landmarks)
  }

  mutating func build() -> Recommendation {
    if let refusal = input.refusal { return refuse(refusal) }
    let x = input.logRates
    let y = input.losses
    let cut = DescentAnalysis.divergenceCut(x: x, y: y, tuning: tuning)
    let xs = Array(x[..<cut])
    let ys = Array(y[..<cut])
    guard let descent = DescentAnalysis.locate(x: xs, y: ys, tuning: tuning) else {
      if let stopped = stoppedEarlyFinding(x: x, y: y) {
        findings.append(stopped)
        return refuse(
          "the loss never falls clearly in the \(RecommendationText.decimal(x[x.count - 1] - x[0])) decades tested"
        )
      }
      findings.append(noDescentFinding())
      return refuse("the loss never falls clearly (\(noDescentWhy(y)))")
    }
    let rate = { (index: Int) in LibM.power10(xs[index]) }
    let s = descent.smoothed
    let depth = descent.depth
    // Divergence: a non-finite tail, the cut, or a clear rise after the bottom.
    var divergence: Double?
    if let rise = (descent.trough..<s.count).first(where: {
      s[$0] - s[descent.trough] >= tuning.divergenceRise * depth
    }) {
      divergence = rate(rise)
    } else if let spike = (descent.trough..<ys.count).first(where: {
      ys[$0] > s[descent.peak] + tuning.divergenceRise * depth
    }) {
      divergence = rate(spike)
    } else if cut < y.count {
      divergence = rate(cut - 1)
    } else if let tail = input.nonFiniteTail {
      divergence = tail
    }
    // The scale-invariant rules within `agreementDistance` of the crossing: they pull the value
    // and make the agreement factor.
    let invariant = ruleDecades.filter { Recommender.scaleInvariantRuleIDs.contains($0.id) }
    let near = invariant.filter { abs($0.decade - descent.crossing) <= tuning.agreementDistance }
    let pulled =
      (descent.crossing + tuning.agreeingRuleWeight * near.reduce(0) { $0 + $1.decade })
      / (1 + tuning.agreeingRuleWeight * Double(near.count))
    let chosen = pick(from: pulled, on: descent, x: xs, divergenceSeen: divergence != nil)
    let landmarks = CurveLandmarks(
      descentStart: rate(descent.start), steepest: rate(descent.steepest),
      halfFall: LibM.power10(descent.crossing), minimum: rate(descent.trough),
      lowest: rate(chosen.lowest), divergence: divergence, topLoss: s[descent.peak],
      bottomLoss: s[descent.trough])

    // Confidence factors.
    let significanceRatio =
      descent.smoothedNoise > 0 ? depth / descent.smoothedNoise : .infinity
    let significance = ramp(significanceRatio, tuning.significanceLow, tuning.significanceHigh)
    let resolutionPoints = Double(descent.trough - descent.start + 1)
    let resolution = ramp(resolutionPoints, tuning.resolutionLow, tuning.resolutionHigh)
    let steepestSlope = -(descent.slopes[descent.start...descent.trough].min() ?? 0)
    var divergenceFactor = 1.0
    var stillFalling = false
    if divergence == nil {
      let from = xs.firstIndex { $0 >= xs[xs.count - 1] - tuning.endSpan } ?? 0
      let span = max(xs[xs.count - 1] - xs[from], .leastNonzeroMagnitude)
      let endSlope = (s[from] - s[s.count - 1]) / span
      stillFalling = endSlope > tuning.stillFallingSlopeFraction * steepestSlope
      divergenceFactor =
        stillFalling ? tuning.noDivergenceStillFalling : tuning.noDivergenceFlattened
      findings.append(noDivergenceFinding(stillFalling: stillFalling, end: rate(xs.count - 1)))
    }
    // Stability: the crossing again with half and twice the smoothing window. Where that
    // smoothing makes another fall the largest, one that does not overlap this descent (a
    // spike of raw losses near divergence under a narrow window), this descent's own crossing
    // on that smoothing is compared instead: a different fall elsewhere is not this pick moving.
    let alternatives = [0.5, 2].compactMap { scale -> Double? in
      guard let other = DescentAnalysis.locate(x: xs, y: ys, tuning: tuning, bandwidthScale: scale)
      else { return nil }
      guard other.trough < descent.peak || other.peak > descent.trough else {
        return other.crossing
      }
      return DescentAnalysis.crossing(
        x: xs, smoothed: other.smoothed, peak: descent.peak, trough: descent.trough,
        fraction: tuning.fallFraction)
    }
    let picks = [descent.crossing] + alternatives
    let spread =
      alternatives.count == 2 ? (picks.max() ?? 0) - (picks.min() ?? 0) : .infinity
    let stability =
      1
      - ramp(
        spread, tuning.stabilityFreeSpread, tuning.stabilityFreeSpread + tuning.stabilitySpreadScale
      )
    let share = invariant.isEmpty ? 0 : Double(near.count) / Double(invariant.count)
    let agreement = 1 - tuning.agreementInfluence * (1 - share)
    noteShape(descent, x: xs, y: ys, steepestSlope: steepestSlope)
    let noiseRatio = descent.rawNoise / depth
    if noiseRatio > tuning.noisyLevel { findings.append(noisyFinding(noiseRatio, descent, xs)) }

    var score =
      significance * resolution * divergenceFactor * stability * agreement
    score = min(score, cap)
    let level: RecommendationConfidence.Level =
      score >= tuning.highConfidence
      ? .high : score >= tuning.mediumConfidence ? .medium : .low
    if level == .low {
      let factors: [(Double, String)] = [
        (cap, capWhy()),
        (
          significance,
          "the descent is only \(RecommendationText.decimal(significanceRatio))× the smoothed noise"
        ),
        (resolution, "the descent spans only \(Int(resolutionPoints)) points"),
        (
          divergenceFactor,
          "the loss is still falling at the last point (lr \(RecommendationText.number(rate(xs.count - 1)))), so the descent may continue beyond the tested range"
        ),
        (
          stability,
          "the pick moves by \(RecommendationText.decimal(spread)) decades when the smoothing changes"
        ),
        (agreement, "no framework rule agrees"),
      ]
      let binding = cap < tuning.mediumConfidence ? [factors[0]] : factors
      let weakest = binding.min { $0.0 < $1.0 }?.1 ?? "the evidence is weak"
      if significance == 0 {
        findings.append(stoppedEarlyFinding(x: x, y: y) ?? noDescentFinding(noisy: true))
      }
      return refuse(weakest, landmarks: landmarks, score: score)
    }

    let learningRate = clamped(LibM.power10(chosen.decade))
    let low = min(clamped(landmarks.descentStart), learningRate)
    let agreeingRules = agreeing(with: LibM.log10(learningRate))
    let agreementText =
      agreeingRules.isEmpty
      ? "no framework rule agrees within \(RecommendationText.decimal(tuning.agreementDistance)) decades"
      : "agreeing with \(agreeingRules.joined(separator: ", "))"
    let reason = """
      the loss falls from \(RecommendationText.number(landmarks.topLoss)) to \
      \(RecommendationText.number(landmarks.bottomLoss)) between lr \
      \(RecommendationText.number(landmarks.descentStart)) and \
      \(RecommendationText.number(landmarks.minimum)) (steepest at \
      \(RecommendationText.number(landmarks.steepest))); \
      \(RecommendationText.number(learningRate)) is \(pickText(isRaised: chosen.isRaised)), \
      \(agreementText)
      """
    return Recommendation(
      learningRate: learningRate, range: LearningRateRange(low: low, high: learningRate),
      confidence: RecommendationConfidence(score: score, level: level),
      agreeingRules: agreeingRules, reason: reason, findings: findings, landmarks: landmarks)
  }

  /// The value on a located descent, in decades: a crossing of the fall (already pulled
  /// towards agreeing rules), raised to at most `maximumDecadesBelowMinimum` below where the
  /// loss bottoms out, and kept between the start of the fall and the lowest point before
  /// divergence.
  ///
  /// The bottom is where the smoothed loss first comes within `bottomTolerance` of the fall to
  /// its lowest point, so a flat bottom's exact argmin (which noise and rounding move) does not
  /// matter and the value stays invariant to the loss's scale and offset. Once divergence is
  /// seen, the lowest point is searched up to it: the loss often keeps sinking slowly after
  /// the main fall (split off at a plateau), and the best rates reach into that stretch.
  /// Without divergence the curve may simply have flattened short of it, so the bottom of the
  /// main fall is used.
  ///
  /// - Parameters:
  ///   - crossing: The `fallFraction` crossing in decades, pulled towards agreeing rules.
  ///   - descent: The descent.
  ///   - x: The log10 learning rates it was located on.
  ///   - divergenceSeen: Whether the loss was seen to rise again after the descent.
  /// - Returns: The value, whether the floor raised it, and the index of the lowest point.
  func pick(
    from crossing: Double, on descent: DescentAnalysis, x: [Double], divergenceSeen: Bool
  ) -> (decade: Double, isRaised: Bool, lowest: Int) {
    let s = descent.smoothed
    let lowest =
      divergenceSeen
      ? (descent.trough..<s.count).min { s[$0] < s[$1] } ?? descent.trough : descent.trough
    let fallToLowest = s[descent.peak] - s[lowest]
    let bottom =
      (descent.start...lowest).first {
        s[$0] - s[lowest] <= tuning.bottomTolerance * fallToLowest
      } ?? lowest
    let floor = x[bottom] - tuning.maximumDecadesBelowMinimum
    return (min(max(crossing, floor, x[descent.start]), x[lowest]), crossing < floor, lowest)
  }

  /// How the pick was made, for the reason.
  func pickText(isRaised: Bool) -> String {
    let fall = "where \(RecommendationText.percent(tuning.fallFraction)) of that fall is done"
    guard isRaised else { return fall }
    return """
      \(RecommendationText.decimal(tuning.maximumDecadesBelowMinimum)) decades below where the \
      loss bottoms out (\(fall) lies further below it, on a long gradual descent)
      """
  }

  /// 0 at `low`, 1 at `high`, linear between (NaN counts as 0).
  func ramp(_ value: Double, _ low: Double, _ high: Double) -> Double {
    guard value.isFinite else { return value == .infinity ? 1 : 0 }
    guard high > low else { return value >= high ? 1 : 0 }
    return min(max((value - low) / (high - low), 0), 1)
  }

  /// Findings about the descent's shape, and the caps they bring.
  mutating func noteShape(
    _ descent: DescentAnalysis, x: [Double], y: [Double], steepestSlope: Double
  ) {
    let s = descent.smoothed
    let rate = { (index: Int) in RecommendationText.number(LibM.power10(x[index])) }
    if let end = descent.transientEnd {
      findings.append(
        CurveFinding(
          .earlyTransient,
          """
          the loss drops steeply over the first points (to lr \(rate(end))) and then flattens: \
          an early transient of the first updates, not a descent; lrlens ignored it \
          (frameworks skip it with --skip-start)
          """))
    }
    // Already falling at the first point: no plateau before the descent.
    if descent.transientEnd == nil {
      let until = x.firstIndex { $0 >= x[0] + tuning.endSpan } ?? 0
      let span = max(x[until] - x[0], .leastNonzeroMagnitude)
      let startSlope = (s[0] - s[until]) / span
      if until > 0, startSlope > tuning.startSlopeFraction * steepestSlope {
        cap = min(cap, tuning.descentAtStartCap)
        findings.append(
          CurveFinding(
            .descentAtStart,
            """
            the loss is already falling at the first point (lr \(rate(0))), so the start of the \
            descent is not seen; rerun with a lower start_lr (fastai and torch-lr-finder \
            start_lr, Lightning min_lr)
            """))
      }
    }
    if descent.secondShare >= tuning.multipleDescentShare, let second = descent.secondDescent {
      findings.append(
        CurveFinding(
          .multipleDescents,
          """
          the loss falls twice (near lr \(rate(descent.steepest)) and lr \
          \(rate((second.peak + second.trough) / 2)), the second fall \
          \(RecommendationText.percent(descent.secondShare)) of the first), as after \
          unfreezing; lrlens used the larger fall; check the plot, or run the finder per \
          layer group
          """))
    }
    if !input.hasKnownSmoothing, descent.start > 0,
      let evidence = CurveDiagnosis.runningMeanEvidence(
        Array(y[...descent.start]), tuning: tuning),
      evidence.slope <= tuning.runningMeanSlope
    {
      cap = min(cap, tuning.runningMeanCap)
      findings.append(
        CurveFinding(
          .runningMeanSuspected,
          """
          the losses look like a running mean: within \
          \(evidence.epochLength < descent.start ? "epochs of \(evidence.epochLength) points" : "the run") \
          their changes shrink like p^\(RecommendationText.decimal(evidence.slope)) (1/p for a \
          mean), as TF ≥ 2.2 Keras batch logs report the epoch's running mean; log per-batch \
          losses (reset the metrics at each batch) and rerun
          """))
    }
  }

  func capWhy() -> String {
    if let finding = findings.first(where: { $0.kind == .runningMeanSuspected }) {
      return
        "the losses look like a running mean (\(finding.kind.rawValue)), which shifts the descent"
    }
    if findings.contains(where: { $0.kind == .learningRateNotMonotonic }) {
      return "the learning rates are not monotonic"
    }
    return "the loss is already falling at the first point"
  }

  func noDescentWhy(_ y: [Double]) -> String {
    guard let first = y.first, let high = y.max(), let low = y.min(), high > low else {
      return "the loss is constant"
    }
    let last = y[y.count - 1]
    if last >= first, y.indices.dropFirst().allSatisfy({ y[$0] >= y[$0 - 1] }) {
      return "the loss only rises"
    }
    return "no fall stands out from the noise"
  }

  /// The finding for a curve whose loss never falls clearly.
  ///
  /// - Parameter noisy: Whether a fall was found but is lost in the noise (then the advice is
  ///   to reduce the noise, not to move the start LR).
  /// - Returns: The `no_descent` finding.
  func noDescentFinding(noisy: Bool = false) -> CurveFinding {
    guard noisy else {
      return CurveFinding(
        .noDescent,
        """
        the loss never falls clearly below its starting level: the start LR is already too \
        high, or the model is already trained; rerun with a lower start_lr (e.g. 1e-7) on a \
        freshly initialised model
        """)
    }
    return CurveFinding(
      .noDescent,
      """
      the loss never falls clearly more than its noise: the fall lrlens found is not clearly \
      larger than the batch-to-batch noise; use a larger batch or more iterations per decade, \
      or average several runs (if the loss really is flat, the start LR is already too high or \
      the model already trained)
      """)
  }

  /// The finding for a range test that stopped before the loss fell, if this one did.
  ///
  /// Such a test spans fewer than `shortRangeDecades` decades. When its last loss exceeds
  /// `stopRuleFactor` times the lowest before it, the finder's stop rule ended it, and the
  /// finding says which loss set that limit.
  ///
  /// - Parameters:
  ///   - x: log10 of the analysed learning rates.
  ///   - y: The analysed losses.
  /// - Returns: The finding, or `nil` when the test spans enough decades.
  func stoppedEarlyFinding(x: [Double], y: [Double]) -> CurveFinding? {
    guard let first = x.first, let last = x.last, let final = y.last,
      last - first < tuning.shortRangeDecades
    else { return nil }
    let span = """
      the range test covers only \(RecommendationText.decimal(last - first)) decades \
      (lr \(RecommendationText.number(LibM.power10(first))) to \
      \(RecommendationText.number(LibM.power10(last)))) and the loss never falls: the finder \
      stopped before the descent
      """
    let before = y.dropLast()
    guard let lowestIndex = before.indices.min(by: { before[$0] < before[$1] }),
      before[lowestIndex] > 0, final > tuning.stopRuleFactor * before[lowestIndex]
    else {
      return CurveFinding(
        .stoppedEarly,
        "\(span); rerun with a higher end_lr or more iterations (the frameworks' defaults span 5 to 8 decades)"
      )
    }
    return CurveFinding(
      .stoppedEarly,
      """
      \(span). Its last loss (\(RecommendationText.number(final))) is \
      \(RecommendationText.decimal(final / before[lowestIndex]))× the lowest before it \
      (\(RecommendationText.number(before[lowestIndex])) at lr \
      \(RecommendationText.number(LibM.power10(x[lowestIndex])))): finders stop once the loss \
      exceeds a multiple of the lowest so far (keras_lr_finder 4× the raw batch loss), so one \
      unusually low batch loss ended the test; rerun with a larger batch, a higher stop factor, \
      or a finder that stops on the smoothed loss (fastai, torch-lr-finder, Lightning)
      """)
  }

  func noDivergenceFinding(stillFalling: Bool, end: Double) -> CurveFinding {
    CurveFinding(
      .noDivergence,
      stillFalling
        ? """
        the loss is still falling at the last point (lr \(RecommendationText.number(end))) and \
        never rises again: the end LR is too low to see the whole descent; rerun with a higher \
        end_lr (fastai and torch-lr-finder end_lr, Lightning max_lr)
        """
        : """
        the loss flattens but never rises again up to lr \(RecommendationText.number(end)): no \
        divergence seen, so a better region may lie beyond; rerun with a higher end_lr \
        (fastai and torch-lr-finder end_lr, Lightning max_lr)
        """)
  }

  func noisyFinding(_ ratio: Double, _ descent: DescentAnalysis, _ x: [Double]) -> CurveFinding {
    let window = descent.windowSizes[descent.steepest]
    let half = window / 2
    let lower = max(0, descent.steepest - half)
    let upper = min(x.count - 1, descent.steepest + half)
    return CurveFinding(
      .noisyCurve,
      """
      the loss is noisy: its noise is \(RecommendationText.percent(ratio)) of the descent's \
      depth; lrlens smoothed over \(window) points (\(RecommendationText.decimal(x[upper] - x[lower])) \
      decades) at the steepest point; use a larger batch or more iterations per decade, or \
      average several runs
      """)
  }
}
