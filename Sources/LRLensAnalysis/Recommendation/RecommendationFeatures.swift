/// The measurements of a located descent that lrlens's recommendation is computed from.
///
/// Positions are in decades (`log10(lr)`); every other value is independent of the loss's
/// scale and offset. The fitted model (``FittedRecommenderModel``) turns them into the
/// recommended learning rate and its confidence; `lrlens suggest --json` reports them, and
/// `scripts/quality-corpus/fit.py` fits that model to them.
public struct RecommendationFeatures: Sendable, Equatable {
  /// The first analysed learning rate.
  public var first: Double
  /// The last analysed learning rate before divergence was cut off.
  public var last: Double
  /// Where the main fall starts (``CurveLandmarks/descentStart``).
  public var descentStart: Double
  /// Where the smoothed loss falls fastest (``CurveLandmarks/steepest``).
  public var steepest: Double
  /// Where half of the fall is done (``CurveLandmarks/halfFall``).
  public var halfFall: Double
  /// The bottom of the main fall (``CurveLandmarks/minimum``).
  public var minimum: Double
  /// Where the loss first comes within 2 % of the fall to its lowest point before divergence.
  public var bottom: Double
  /// The lowest smoothed loss before divergence (``CurveLandmarks/lowest``).
  public var lowest: Double
  /// Where the loss diverges, or ``last`` when no divergence was seen.
  public var divergenceOrLast: Double
  /// fastai's `valley` on the analysed curve with lrlens's defaults for raw losses
  /// (``Recommender/standardAnchors(x:y:)``), or ``halfFall`` when it has no answer.
  public var valley: Double
  /// fastai's `minimum` (a tenth of the learning rate at the lowest smoothed loss) on the
  /// analysed curve, or a decade below ``lowest`` when it has no answer.
  public var minimumRule: Double
  /// 1 when the loss was seen to rise again after the descent, else 0.
  public var divergenceSeen: Double
  /// 1 when the loss is still falling at the last point, else 0.
  public var stillFalling: Double
  /// 1 when the learning rates grow linearly (a linear-mode finder), else 0.
  public var linearGrid: Double
  /// log10 of the descent's depth over the smoothed noise, capped at 3.
  public var significance: Double
  /// log10 of the number of points from the start of the fall to its bottom.
  public var resolution: Double
  /// How far the half-way point moves (decades) at half and twice the smoothing, capped at 3.
  public var spread: Double
  /// The raw noise as a share of the descent's depth, capped at 3.
  public var noise: Double
  /// The fall as a share of the loss at its top (0 when the top is not positive).
  public var relativeDepth: Double
  /// 1 when a finding (running mean, non-monotonic learning rates, descent under way at the
  /// first point), or neither ``valley`` nor ``minimumRule`` answering, limits the confidence to
  /// `medium`, else 0.
  public var capped: Double

  /// Creates features from their values.
  public init(
    first: Double, last: Double, descentStart: Double, steepest: Double, halfFall: Double,
    minimum: Double, bottom: Double, lowest: Double, divergenceOrLast: Double,
    divergenceSeen: Double, stillFalling: Double, linearGrid: Double,
    significance: Double, resolution: Double, spread: Double, noise: Double,
    relativeDepth: Double, valley: Double, minimumRule: Double, capped: Double
  ) {
    self.valley = valley
    self.minimumRule = minimumRule
    self.capped = capped
    self.first = first
    self.last = last
    self.descentStart = descentStart
    self.steepest = steepest
    self.halfFall = halfFall
    self.minimum = minimum
    self.bottom = bottom
    self.lowest = lowest
    self.divergenceOrLast = divergenceOrLast
    self.divergenceSeen = divergenceSeen
    self.stillFalling = stillFalling
    self.linearGrid = linearGrid
    self.significance = significance
    self.resolution = resolution
    self.spread = spread
    self.noise = noise
    self.relativeDepth = relativeDepth
  }

  /// The features by their JSON names, in a fixed order (the order the fitted model and
  /// `scripts/quality-corpus/fit.py` use).
  public var named: [(name: String, value: Double)] {
    [
      ("first", first), ("last", last), ("descent_start", descentStart), ("steepest", steepest),
      ("half_fall", halfFall), ("minimum", minimum), ("bottom", bottom), ("lowest", lowest),
      ("divergence_or_last", divergenceOrLast), ("divergence_seen", divergenceSeen),
      ("still_falling", stillFalling), ("linear_grid", linearGrid), ("significance", significance),
      ("resolution", resolution),
      ("spread", spread), ("noise", noise), ("relative_depth", relativeDepth),
      ("valley", valley), ("minimum_rule", minimumRule), ("capped", capped),
    ]
  }
}
