/// Every suggestion rule lrlens has, in alphabetical order of id, and how to make them.
public enum SuggesterRegistry {
  /// The rule types, alphabetical by id.
  public static let all: [any Suggester.Type] = [
    IgniteSuggester.self,
    LightningSuggester.self,
    MinGradSuggester.self,
    MinimaSuggester.self,
    MinimumSuggester.self,
    SlideSuggester.self,
    SlideRuleSuggester.self,
    SMADerivativeSuggester.self,
    SteepSuggester.self,
    ValleySuggester.self,
  ]

  /// Every rule id, alphabetical.
  public static var ids: [String] { all.map { $0.description.id } }

  /// Every rule id in the order reports list them without a preset: fastai's four, then the
  /// other frameworks' rules, then the multi-candidate and historical rules.
  public static let reportOrder = [
    "valley", "slide", "minimum", "steep", "min_grad", "lightning", "ignite", "sma_derivative",
    "minima", "slide_rule",
  ]

  /// Whether a rule's answer means something on a curve with this learning-rate spacing, so
  /// that comparing it with the other rules' (a spread, an agreement) is fair.
  ///
  /// `lightning` differentiates the loss against the linear learning rate: on an exponential
  /// grid the steps at the start are tiny, so its steepest point lands among the first points
  /// whatever the curve. It is meaningful only on a linear grid. Every other rule works on the
  /// point index or on log10(lr) and is meaningful on any grid.
  ///
  /// - Parameters:
  ///   - id: The rule id.
  ///   - spacing: The curve's spacing, or `nil` when it has fewer than 2 points.
  /// - Returns: Whether the rule's answer is meaningful there.
  public static func isMeaningful(_ id: String, on spacing: LearningRateSpacing?) -> Bool {
    guard id == "lightning" else { return true }
    if case .linear? = spacing { return true }
    return false
  }

  /// Makes the rule with an id, configured with the user's parameters.
  ///
  /// - Parameters:
  ///   - id: A rule id from ``ids``.
  ///   - parameters: The rule parameters the user set.
  /// - Returns: The rule, or `nil` for an unknown id.
  public static func makeSuggester(id: String, parameters: RuleParameters) -> (any Suggester)? {
    switch id {
    case IgniteSuggester.description.id: IgniteSuggester()
    case LightningSuggester.description.id: LightningSuggester()
    case MinGradSuggester.description.id: MinGradSuggester()
    case MinimaSuggester.description.id: MinimaSuggester()
    case MinimumSuggester.description.id: MinimumSuggester()
    case SlideSuggester.description.id: SlideSuggester()
    case SlideRuleSuggester.description.id: SlideRuleSuggester()
    case SMADerivativeSuggester.description.id: SMADerivativeSuggester(period: parameters.smaPeriod)
    case SteepSuggester.description.id: SteepSuggester()
    case ValleySuggester.description.id: ValleySuggester()
    default: nil
    }
  }
}

/// Parameters of the rules that the user can set.
public struct RuleParameters: Sendable, Hashable {
  /// The period of `sma_derivative` (`--sma`), keras_lr_finder's `sma`.
  public var smaPeriod: Int

  /// Creates rule parameters.
  ///
  /// - Parameter smaPeriod: The `sma_derivative` period; 20 as in keras_lr_finder's README.
  public init(smaPeriod: Int = 20) {
    self.smaPeriod = smaPeriod
  }
}
