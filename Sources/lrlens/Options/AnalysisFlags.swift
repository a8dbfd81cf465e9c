import ArgumentParser
import LRLens

extension Preset: ExpressibleByArgument {}
extension TrainingSchedule: ExpressibleByArgument {}

/// Flags that choose the preset, the rules, the trimming and the smoothing.
struct AnalysisFlags: ParsableArguments {
  @Option(
    help:
      "Reproduce a framework's own answer: \(Preset.allCases.map(\.rawValue).joined(separator: ", "))."
  )
  var preset: Preset?

  @Option(
    help: ArgumentHelp(
      """
      Comma-separated rules to run instead of the preset's: \
      \(SuggesterRegistry.reportOrder.joined(separator: ", ")) (see 'lrlens rules'); the \
      recommendation is always shown.
      """,
      valueName: "r1,r2"))
  var rules: String?

  // Unconditional parsing takes `-3` as the value, so that validate() can say it is negative.
  @Option(
    name: .customLong("skip-start"), parsing: .unconditional,
    help: "Points to skip at the start of the curve.")
  var skipStart: Int?

  @Option(
    name: .customLong("skip-end"), parsing: .unconditional,
    help: "Points to skip at the end of the curve.")
  var skipEnd: Int?

  @Option(
    help: ArgumentHelp(
      "Smoothing before the rules: \(Smoothing.ids.joined(separator: ", ")).", valueName: "kind"))
  var smooth: String?

  @Option(
    name: .customLong("num-it"), parsing: .unconditional,
    help: "fastai's requested num_it; the fastai preset skips num_it // 10 points at the start.")
  var numIterations: Int = 100

  @Option(
    parsing: .unconditional, help: "The period of the sma_derivative rule (keras_lr_finder's sma).")
  var sma: Int = 20

  @Option(
    help: ArgumentHelp(
      """
      The schedule you will train with: constant (a fixed learning rate) or one-cycle \
      (fit_one_cycle / OneCycleLR; the recommendation is the cycle's peak).
      """, valueName: "schedule"))
  var schedule: TrainingSchedule = .constant

  /// The rule ids given with `--rules`, split and trimmed.
  var ruleIDs: [String]? {
    rules.map { $0.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) } }
  }

  mutating func validate() throws {
    if let ruleIDs, ruleIDs.contains("recommend") {
      throw ValidationError(
        """
        'recommend' is lrlens's own answer and is always shown first; --rules picks the \
        framework rules shown after it (\(SuggesterRegistry.ids.joined(separator: ", ")))
        """)
    }
    if let ruleIDs {
      let unknown = ruleIDs.filter { !SuggesterRegistry.ids.contains($0) }
      guard unknown.isEmpty, !ruleIDs.isEmpty else {
        throw ValidationError(
          "unknown rule '\(unknown.first ?? "")'; choose from \(SuggesterRegistry.ids.joined(separator: ", "))"
        )
      }
    }
    if let smooth, Smoothing(id: smooth) == nil {
      throw ValidationError(
        "unknown smoothing '\(smooth)'; choose from \(Smoothing.ids.joined(separator: ", "))")
    }
    for (flag, value) in [("--skip-start", skipStart), ("--skip-end", skipEnd)] {
      if let value, value < 0 { throw ValidationError("\(flag) cannot be negative, got \(value)") }
    }
    guard numIterations >= 1 else { throw ValidationError("--num-it must be at least 1") }
    guard sma >= 1 else { throw ValidationError("--sma must be at least 1") }
  }

  /// The analysis options these flags describe.
  var analysisOptions: AnalysisOptions {
    AnalysisOptions(
      preset: preset, ruleIDs: ruleIDs, skipStart: skipStart, skipEnd: skipEnd,
      smoothing: smooth.flatMap(Smoothing.init(id:)), numIterations: numIterations,
      parameters: RuleParameters(smaPeriod: sma), schedule: schedule)
  }
}
