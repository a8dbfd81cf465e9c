public import LRLensCore
public import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A seeded generator of synthetic range tests with a known good learning rate, one family
/// per way the rules fail (docs/RULES.md §10).
///
/// The noiseless loss against `x = log10(lr)` is a plateau, an asymmetric sigmoid descent, a
/// flat bottom and an exponential divergence:
/// `L(x) = L0 − A·σ((x − c)/w)^k − A2·σ((x − c2)/w2) + B·(exp(max(x − d, 0)/v) − 1)`,
/// recorded until `L > L0 + 2·max(A, 0.3·L0)` (the finder's stop), plus Gaussian noise of
/// σ = `noiseRatio·A·(1 + 2σ((x − c)/w))` (noise grows along the descent, as raw batch losses
/// do). Parameters: `x0 ∈ U(−8, −5)`, span `U(5, 9)` decades, 60–250 points,
/// `L0 = exp U(ln 0.05, ln 10)`, `A = L0·U(0.25, 0.85)`, `w ∈ U(0.15, 0.6)`, `k ∈ U(0.6, 1.8)`,
/// `c = x0 + span·U(0.4, 0.75)`, `d = c + w·U(2, 5)`, `v ∈ U(0.1, 0.35)`, `B = A·U(0.2, 1)`,
/// `noiseRatio = exp U(ln 0.003, ln 0.08)`.
///
/// **Ground truth** ("good LR"): the steepest point of the noiseless loss against log LR within
/// the main descent (from `c − 4w` to the noiseless minimum), found on a 20,001-point grid —
/// the point every steepest-gradient rule aims at and that `minimum/10` and `valley`
/// approximate. For two descents it is the steepest point of the larger one. Curves whose
/// ground truth falls outside the recorded range, and `noDescent` curves, have none: the right
/// answer there is a refusal.
public struct SyntheticCurve: CustomTestStringConvertible, Sendable {
  /// The failure family.
  public enum Kind: String, CaseIterable, Sendable {
    /// A plain curve with moderate noise.
    case typical
    /// Noise of 12–35% of the descent depth.
    case noisy
    /// The first 3–9 points are raised by 0.5–3 × the plateau (early spike).
    case earlySpike
    /// After divergence, 3–19 NaN (or +∞ then NaN) points.
    case nanTail
    /// The range ends 4–8 descent widths after the centre, before any divergence.
    case noDivergence
    /// No descent (A = 0): a plateau, then divergence.
    case noDescent
    /// A second, smaller-or-larger descent 1.5–3 decades earlier (as after unfreezing).
    case doubleDip
    /// Linearly spaced learning rates, descent in the last 0.7–1.3 decades.
    case linearGrid
    /// The losses replaced by their running mean within epochs of 20…n/2 points (TF ≥ 2.2).
    case runningMean
    /// The losses exported after fastai's debiased EMA (β = 0.98), labelled as fastai's.
    case smoothedExport
  }

  /// The family.
  public var kind: Kind
  /// The seed.
  public var seed: UInt64
  /// The curve as exported, with the provenance a reader would give it.
  public var curve: LossCurve
  /// log10 of the ground-truth learning rate, or `nil` when the right answer is a refusal.
  public var truth: Double?

  /// The family and the seed, as test results name the curve.
  public var testDescription: String { "\(kind.rawValue) seed \(seed)" }

  /// Makes one curve.
  ///
  /// - Parameters:
  ///   - kind: The family.
  ///   - seed: The seed.
  public init(_ kind: Kind, seed: UInt64) {
    self.kind = kind
    self.seed = seed
    var random = SplitMix64(seed: seed &* 0x9E37_79B9 &+ UInt64(kind.rawValue.utf8.count))
    func uniform(_ low: Double, _ high: Double) -> Double {
      low + (high - low) * Double(random.next() >> 11) / Double(1 << 53)
    }
    func integer(_ low: Int, _ high: Int) -> Int { low + Int(random.next() % UInt64(high - low)) }
    func normal() -> Double {
      let u = max(uniform(0, 1), 1e-300)
      return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * uniform(0, 1))
    }
    let x0 = uniform(-8, -5)
    let span = uniform(5, 9)
    let count = integer(60, 251)
    let plateau = exp(uniform(log(0.05), log(10)))
    let fall = plateau * uniform(0.25, 0.85)
    var p = Shape(
      plateau: plateau, fall: fall, width: uniform(0.15, 0.6), skew: uniform(0.6, 1.8),
      centre: x0 + span * uniform(0.4, 0.75), divergence: 0, rate: uniform(0.1, 0.35),
      rise: 0)
    p.divergence = p.centre + p.width * uniform(2, 5)
    p.rise = fall * uniform(0.2, 1)
    var noiseRatio = exp(uniform(log(0.003), log(0.08)))
    if kind == .noisy { noiseRatio = uniform(0.12, 0.35) }
    var x1 = x0 + span
    switch kind {
    case .noDivergence:
      p.divergence = 1e9
      x1 = p.centre + p.width * uniform(4, 8)
    case .noDescent:
      p.fall = 0
      p.divergence = x0 + span * uniform(0.3, 0.8)
    case .doubleDip:
      p.secondFall = fall * uniform(0.3, 0.8)
      p.secondWidth = uniform(0.15, 0.4)
      p.secondCentre = p.centre - uniform(1.5, 3)
    default:
      break
    }
    var xs: [Double]
    if kind == .linearGrid {
      let low = pow(10, x0)
      let high = pow(10, x1)
      xs = (0..<count).map { log10(low + (high - low) * Double($0) / Double(count - 1)) }
      p.width = uniform(0.1, 0.3)
      p.centre = x1 - uniform(0.7, 1.3)
      p.divergence = p.centre + p.width * uniform(2, 4)
    } else {
      xs = (0..<count).map { x0 + (x1 - x0) * Double($0) / Double(count - 1) }
    }
    var clean = xs.map { p.loss(at: $0) }
    let stopLevel = p.plateau + 2 * max(p.fall, 0.3 * plateau)
    if let stop = clean.firstIndex(where: { $0 > stopLevel }) {
      xs = Array(xs[...stop])
      clean = Array(clean[...stop])
    }
    let scale = noiseRatio * (p.fall > 0 ? fall : 0.5 * plateau)
    var losses = zip(xs, clean).map { x, value in
      value + normal() * scale * (1 + 2 * Shape.sigmoid((x - p.centre) / max(p.width, 0.1)))
    }
    var isSmoothed = false
    var framework = Framework.unknown
    switch kind {
    case .earlySpike:
      let spikes = integer(3, 10)
      let height = plateau * uniform(0.5, 3)
      let decay = uniform(1, 3)
      for index in 0..<min(spikes, losses.count) {
        losses[index] += height * exp(-Double(index) / decay)
      }
    case .nanTail:
      let extra = integer(3, 20)
      let step = xs[1] - xs[0]
      let last = xs[xs.count - 1]
      xs += (1...extra).map { last + step * Double($0) }
      let infinite = uniform(0, 1) < 0.5
      losses += (0..<extra).map { $0 == 0 && infinite ? .infinity : .nan }
    case .runningMean:
      let epoch = integer(20, max(21, losses.count / 2))
      var sum = 0.0
      losses = losses.indices.map { index in
        if index % epoch == 0 { sum = 0 }
        sum += losses[index]
        return sum / Double(index % epoch + 1)
      }
      framework = .keras
    case .smoothedExport:
      // fastai's debiased EMA (β = 0.98), written out so the helpers need only the core.
      let beta = 0.98
      var average = 0.0
      var correction = 1.0
      losses = losses.map { loss in
        average = beta * average + (1 - beta) * loss
        correction *= beta
        return average / (1 - correction)
      }
      isSmoothed = true
      framework = .fastai
    default:
      break
    }
    curve = LossCurve(
      learningRates: xs.map { pow(10, $0) }, losses: losses,
      provenance: Provenance(
        path: "\(kind.rawValue)-\(seed).csv", format: .csv, framework: framework,
        isSmoothed: isSmoothed))
    truth = p.fall > 0 ? p.steepestPoint(in: x0...x1, kind: kind) : nil
    if let value = truth, let first = xs.first, let last = xs.last,
      !(first...last).contains(value)
    {
      truth = nil
    }
  }

  /// The noiseless shape's parameters.
  struct Shape {
    var plateau: Double
    var fall: Double
    var width: Double
    var skew: Double
    var centre: Double
    var divergence: Double
    var rate: Double
    var rise: Double
    var secondFall = 0.0
    var secondWidth = 1.0
    var secondCentre = 0.0

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-min(max(z, -60), 60))) }

    func loss(at x: Double) -> Double {
      var value = plateau - fall * pow(Self.sigmoid((x - centre) / width), skew)
      if secondFall > 0 { value -= secondFall * Self.sigmoid((x - secondCentre) / secondWidth) }
      return value + rise * (exp(max(x - divergence, 0) / rate) - 1)
    }

    /// The steepest point of the main descent on a fine grid.
    func steepestPoint(in range: ClosedRange<Double>, kind: Kind) -> Double? {
      let grid = (0...20_000).map {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / 20_000
      }
      let values = grid.map { loss(at: $0) }
      guard let minimum = values.indices.min(by: { values[$0] < values[$1] }), minimum >= 2
      else { return nil }
      var lower = centre - 4 * width
      if secondFall > 0 {
        lower = fall >= secondFall ? (centre + secondCentre) / 2 : secondCentre - 4 * secondWidth
      }
      var best: Int?
      var bestSlope = Double.infinity
      for index in 1..<minimum where grid[index] >= lower {
        let slope = (values[index + 1] - values[index - 1]) / (grid[index + 1] - grid[index - 1])
        if slope < bestSlope {
          bestSlope = slope
          best = index
        }
      }
      return best.map { grid[$0] }
    }
  }

  /// `count` curves of a family with seeds `0..<count`.
  public static func family(_ kind: Kind, count: Int) -> [SyntheticCurve] {
    (0..<count).map { SyntheticCurve(kind, seed: UInt64($0)) }
  }
}
