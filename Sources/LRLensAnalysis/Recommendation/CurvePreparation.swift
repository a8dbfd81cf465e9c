internal import LRLensCore

/// A curve made ready for the recommendation: usable, increasing learning rates with finite
/// losses (raw when possible), plus what was noticed on the way.
struct CurvePreparation {
  /// log10 of the analysed learning rates, strictly increasing.
  var logRates: [Double]
  /// The analysed losses, finite.
  var losses: [Double]
  /// The smallest and largest usable learning rate tested, if any.
  var tested: LearningRateRange?
  /// Findings about the input.
  var findings: [CurveFinding] = []
  /// Why no recommendation is possible from the input alone, if so.
  var refusal: String?
  /// A cap on the confidence from the input (1 when nothing limits it).
  var confidenceCap = 1.0
  /// The learning rate where the losses turn non-finite for good, if they do.
  var nonFiniteTail: Double?
  /// Whether the losses are a framework's EMA (undone): no running-mean test then.
  var hasKnownSmoothing = false
  /// Whether the learning rates grow linearly (a linear-mode finder).
  var isLinearGrid = false

  /// Prepares a curve.
  ///
  /// 1. Losses: the raw losses recorded beside smoothed ones if present; otherwise, when the
  ///    source looks smoothed and the framework's default EMA is known, that EMA undone
  ///    (``SmoothingInversion``) — but only if the smoothed losses still wiggle as an average
  ///    of noisy batch losses does (`minimumSmoothedWiggle`); a monotone fall is more likely a
  ///    wrong framework guess (an epoch-wise sweep) than an EMA, and is used as it is.
  /// 2. Points whose learning rate is ≤ 0, NaN or ±∞ are dropped.
  /// 3. If the learning rates decrease somewhere, the longest non-decreasing run is kept when
  ///    it holds `minimumIncreasingShare` of the points; otherwise lrlens refuses.
  /// 4. Repeated learning rates are merged (mean of their finite losses); the spacing is
  ///    classified (``LearningRateSpacing``).
  /// 5. Non-finite losses: a non-finite tail is cut (and reported as divergence); isolated ones
  ///    are skipped.
  /// 6. More than `maximumAnalysedPoints` points are averaged in consecutive groups.
  ///
  /// - Parameters:
  ///   - curve: The curve as read.
  ///   - tuning: The constants.
  init(_ curve: LossCurve, tuning: RecommenderTuning) {
    logRates = []
    losses = []
    var values = curve.losses
    if let raw = curve.rawLosses, raw.count == curve.count, raw.contains(where: \.isFinite) {
      values = raw
      hasKnownSmoothing = true
      findings.append(
        CurveFinding(
          .smoothingUndone,
          """
          used the raw batch losses recorded beside the smoothed ones ('\(curve.provenance.lossName)'), \
          so the smoothing lag does not shift the descent to higher learning rates
          """))
    } else if curve.provenance.isSmoothed == true,
      let kind = SmoothingInversion.kind(for: curve.provenance.framework),
      Self.wiggle(of: curve, tuning: tuning) >= tuning.minimumSmoothedWiggle
    {
      values = SmoothingInversion.invert(curve.losses, kind: kind)
      hasKnownSmoothing = true
      findings.append(
        CurveFinding(
          .smoothingUndone,
          """
          \(curve.provenance.framework.rawValue) records losses smoothed by \
          \(SmoothingInversion.describe(kind)); lrlens undid it to locate the descent without \
          the smoothing lag (its rules still see the smoothed curve)
          """))
    }
    let count = min(values.count, curve.learningRates.count)
    let usable = (0..<count).filter {
      curve.learningRates[$0].isFinite && curve.learningRates[$0] > 0
    }
    if usable.count < count {
      findings.append(
        CurveFinding(
          .unusableLearningRates,
          """
          \(count - usable.count) of \(count) learning rates are ≤ 0, NaN or infinite and were \
          skipped; check the learning-rate column (--lr-column)
          """))
    }
    let rates = usable.map { curve.learningRates[$0] }
    if let low = rates.min(), let high = rates.max() {
      tested = LearningRateRange(low: low, high: high)
    }
    var kept = usable
    if let drop = rates.indices.dropFirst().first(where: { rates[$0] < rates[$0 - 1] }) {
      var best = 0..<0
      var runStart = 0
      for index in 1...rates.count {
        if index == rates.count || rates[index] < rates[index - 1] {
          if index - runStart > best.count { best = runStart..<index }
          runStart = index
        }
      }
      let share = Double(best.count) / Double(rates.count)
      let keptRates = rates[best]
      let described =
        "learning rates decrease at point \(usable[drop]) "
        + "(\(RecommendationText.number(rates[drop - 1])) → \(RecommendationText.number(rates[drop])))"
      if share >= tuning.minimumIncreasingShare, let low = keptRates.first,
        let high = keptRates.last
      {
        kept = Array(usable[best])
        confidenceCap = min(confidenceCap, tuning.notMonotonicCap)
        findings.append(
          CurveFinding(
            .learningRateNotMonotonic,
            """
            \(described): lrlens analysed the longest increasing run \
            (\(RecommendationText.number(low))…\(RecommendationText.number(high)), \
            \(best.count) points); pass a single range test, or pick the column with --lr-column
            """))
      } else {
        findings.append(
          CurveFinding(
            .learningRateNotMonotonic,
            """
            \(described) and no increasing run holds \
            \(RecommendationText.percent(tuning.minimumIncreasingShare)) of the points: this is \
            not a single LR range test; pass one run, or pick the column with --lr-column
            """))
        refusal = "the learning rates do not increase (\(described)), so this is not one range test"
        return
      }
    }
    // Merge repeated learning rates (rounded logs, several batches per LR step).
    var mergedRates: [Double] = []
    var mergedLosses: [Double] = []
    var index = 0
    while index < kept.count {
      let rate = curve.learningRates[kept[index]]
      var sum = 0.0
      var finite = 0
      while index < kept.count, curve.learningRates[kept[index]] == rate {
        let loss = values[kept[index]]
        if loss.isFinite {
          sum += loss
          finite += 1
        }
        index += 1
      }
      mergedRates.append(rate)
      mergedLosses.append(finite > 0 ? sum / Double(finite) : .nan)
    }
    describeSpacing(mergedRates)
    let lastFinite = mergedLosses.lastIndex(where: \.isFinite)
    if let lastFinite, lastFinite < mergedLosses.count - 1 {
      nonFiniteTail = mergedRates[lastFinite + 1]
      findings.append(
        CurveFinding(
          .nonFiniteTail,
          """
          losses are NaN or infinite from lr \(RecommendationText.number(mergedRates[lastFinite + 1])) \
          on (\(mergedLosses.count - 1 - lastFinite) points): the run diverged there; lrlens \
          analysed the points before it
          """))
    }
    let end = (lastFinite ?? -1) + 1
    let interior = mergedLosses[..<end].filter { !$0.isFinite }.count
    if interior > 0 {
      findings.append(
        CurveFinding(
          .nonFiniteLosses,
          """
          \(interior) isolated NaN or infinite losses inside the curve were skipped; check the \
          loss column (--loss-column) if there are many
          """))
    }
    var pairs = (0..<end).filter { mergedLosses[$0].isFinite }.map {
      (LibM.log10(mergedRates[$0]), mergedLosses[$0])
    }
    if pairs.count > tuning.maximumAnalysedPoints, tuning.maximumAnalysedPoints > 0 {
      let group = (pairs.count + tuning.maximumAnalysedPoints - 1) / tuning.maximumAnalysedPoints
      pairs = stride(from: 0, to: pairs.count, by: group).map { first in
        let slice = pairs[first..<min(first + group, pairs.count)]
        let size = Double(slice.count)
        return (
          slice.reduce(0) { $0 + $1.0 } / size, slice.reduce(0) { $0 + $1.1 } / size
        )
      }
    }
    logRates = pairs.map(\.0)
    losses = pairs.map(\.1)
    if losses.count < tuning.minimumPoints {
      findings.append(
        CurveFinding(
          .tooFewPoints,
          """
          only \(losses.count) usable points (lrlens needs \(tuning.minimumPoints) to locate a \
          descent); rerun the finder with more iterations (fastai num_it, torch-lr-finder \
          num_iter, Lightning num_training) or a wider LR range
          """))
      refusal = "only \(losses.count) usable points, fewer than the \(tuning.minimumPoints) needed"
    }
  }

  /// ``SmoothingInversion/wiggle(_:)`` of the finite points before the divergence (whose
  /// swings would count as wiggles).
  private static func wiggle(of curve: LossCurve, tuning: RecommenderTuning) -> Double {
    let points = zip(curve.learningRates, curve.losses).filter {
      $0.0.isFinite && $0.0 > 0 && $0.1.isFinite
    }
    let x = points.map { LibM.log10($0.0) }
    let y = points.map(\.1)
    let cut = DescentAnalysis.divergenceCut(x: x, y: y, tuning: tuning)
    return SmoothingInversion.wiggle(Array(y[..<cut]))
  }

  /// Adds a finding when the learning rates are not exponentially spaced.
  private mutating func describeSpacing(_ rates: [Double]) {
    switch LearningRateSpacing(rates) {
    case .linear(let step)?:
      isLinearGrid = true
      findings.append(
        CurveFinding(
          .learningRateNotExponential,
          """
          learning rates are linearly spaced (+\(RecommendationText.number(step)) per point), \
          so the low decades hold few points and a descent there is barely sampled; rerun with \
          an exponential schedule (torch-lr-finder and ignite step_mode="exp", Lightning \
          mode="exponential")
          """))
    case .irregular?:
      findings.append(
        CurveFinding(
          .learningRateNotExponential,
          """
          learning rates are increasing but not exponentially spaced (rounded values or a \
          custom schedule); lrlens works in log LR, but an exponential schedule samples every \
          decade evenly
          """))
    default:
      break
    }
  }
}
