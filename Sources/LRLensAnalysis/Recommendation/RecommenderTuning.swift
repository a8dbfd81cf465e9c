/// Every hand-set constant of how lrlens locates and measures the descent, in one place, with
/// what it does.
///
/// ``standard`` holds the values chosen on the synthetic benchmark (`RecommendBenchmarkTests`)
/// and the 11 reference runs. The pick and the confidence read off the measured descent are
/// fitted to real range tests instead (``FittedRecommenderModel``). Distances
/// along the learning-rate axis are in decades (`log10(lr)`); loss thresholds are fractions of
/// the located descent's depth or multiples of the measured noise, so that no constant depends
/// on the loss's scale or offset.
public struct RecommenderTuning: Sendable, Hashable {
  // MARK: Input

  /// Fewer finite points than this and lrlens refuses (`too_few_points`).
  public var minimumPoints = 8
  /// Curves with more points are averaged in consecutive groups down to about this many, so
  /// that the O(n·k) smoothing stays fast on huge logs.
  public var maximumAnalysedPoints = 2000
  /// If the longest run of increasing learning rates holds less than this share of the points,
  /// lrlens refuses (`learning_rate_not_monotonic`); otherwise it analyses that run.
  public var minimumIncreasingShare = 0.9

  /// A framework's smoothing is undone only if its losses change direction at this share of
  /// their steps or more before the bottom of the largest fall (an EMA of noisy batch losses
  /// wiggles: 0.23–0.37 on the reference runs; an epoch-wise sweep mistaken for a fastai
  /// export falls monotonically: 0).
  public var minimumSmoothedWiggle = 0.05

  // MARK: Noise and smoothing

  /// The pilot running median's window in points: removes spikes before anything is measured.
  public var pilotMedianPoints = 5
  /// Half-width in points of the window over which the local noise is measured
  /// (`σ = 1.4826·median|Δ²y| / √6`, then the largest value within the same half-width).
  public var noiseWindowPoints = 10
  /// The smoothing window is chosen so that the smoothed noise is this fraction of the descent
  /// depth: `k = (σ / (depth · target))²` points.
  public var targetSmoothedNoise = 0.02
  /// The smoothing window never reaches further than this many decades from its centre.
  public var maximumBandwidth = 0.75
  /// The noise-to-depth ratio `σ / depth` above which the curve is reported as noisy.
  public var noisyLevel = 0.1

  // MARK: Locating the descent

  /// The zigzag that separates falls from rises ignores reversals smaller than this fraction
  /// of the largest fall...
  public var zigzagDepthFraction = 0.15
  /// ...and smaller than this many smoothed-noise deviations.
  public var zigzagNoiseMultiple = 4.0
  /// A stretch of at least this many decades whose smoothed loss varies by less than
  /// ``plateauTolerance`` of the largest fall is a plateau, and splits a fall in two.
  public var plateauSpan = 0.5
  /// See ``plateauSpan``.
  public var plateauTolerance = 0.1
  /// The early zone is the first `earlyZoneFraction` of the points...
  public var earlyZoneFraction = 0.05
  /// ...and at most the first `earlyZoneSpanFraction` of the decades tested.
  public var earlyZoneSpanFraction = 0.1
  /// A fall that starts in the early zone and is 80% done within this share of the points is
  /// an early transient (the model's first updates), not a descent.
  public var transientFraction = 0.1
  /// After the global minimum, the first point whose pilot median rises above the minimum by
  /// this fraction of the fall before it is taken as divergence, and the rest is not analysed.
  public var divergenceCutRise = 0.5
  /// Divergence is seen when, after the descent's bottom, the smoothed loss rises by this
  /// fraction of the depth, or a single raw loss exceeds the descent's top by it (the point
  /// that stopped the finder).
  public var divergenceRise = 0.3

  // MARK: Landmarks

  /// The descent starts where the smoothed loss has fallen this fraction of its depth.
  public var fallStartFraction = 0.1
  /// The half-way landmark (``CurveLandmarks/halfFall``) is where the smoothed loss has fallen
  /// this fraction of its depth (0.5 lands on the steepest point of a symmetric descent).
  public var fallFraction = 0.5
  /// The bottom (``RecommendationFeatures/bottom``) starts where the smoothed loss comes within
  /// this fraction of the fall to its lowest point.
  public var bottomTolerance = 0.02
  /// A rule agrees when its suggestion is within this many decades of the recommendation.
  public var agreementDistance = 0.5

  // MARK: Refusing

  /// A located fall whose depth is below this many times the smoothed noise is not told apart
  /// from the noise, and lrlens refuses (`no_descent`).
  public var minimumSignificance = 4.5
  /// A located fall resolved by fewer points than this, from its start to its bottom, has no
  /// shape to read a learning rate from, and lrlens refuses.
  public var minimumResolutionPoints = 3

  // MARK: Findings and confidence caps

  /// "Still falling" means the slope over the last ``endSpan`` decades is at least this
  /// fraction of the steepest slope; "already falling at the start" uses ``startSlopeFraction``
  /// over the first ``endSpan`` decades.
  public var stillFallingSlopeFraction = 0.5
  /// See ``stillFallingSlopeFraction``.
  public var startSlopeFraction = 0.2
  /// See ``stillFallingSlopeFraction``.
  public var endSpan = 0.3
  /// The confidence cap when the loss is already falling at the first point (no plateau).
  public var descentAtStartCap = 0.6
  /// The running-mean test: within-epoch second differences shrinking at least this fast in
  /// log-log (`|Δ²y| ∝ p^slope`, 1/k variance gives −1) flag a running mean...
  public var runningMeanSlope = -0.75
  /// ...with epoch restarts found where `|Δy|` jumps above this many times its recent median.
  public var runningMeanResetJump = 8.0
  /// The confidence cap when the losses look like a running mean.
  public var runningMeanCap = 0.3
  /// The confidence cap when the learning rates are not monotonic.
  public var notMonotonicCap = 0.3
  /// A second fall at least this share of the largest one is reported (`multiple_descents`).
  public var multipleDescentShare = 0.5
  /// A range test spanning fewer decades than this in which the loss never falls clearly
  /// stopped early (`stopped_early`): the frameworks' defaults span 5 to 8 decades.
  public var shortRangeDecades = 3.0
  /// The frameworks stop a range test once the loss exceeds this multiple of the lowest loss
  /// so far (keras_lr_finder on raw batch losses; fastai and Lightning on smoothed ones), so a
  /// last loss above it after a low one tells that the stop rule ended the test.
  public var stopRuleFactor = 4.0

  /// Creates the standard tuning; change properties to experiment.
  public init() {}

  /// The values lrlens uses.
  public static let standard = RecommenderTuning()
}
