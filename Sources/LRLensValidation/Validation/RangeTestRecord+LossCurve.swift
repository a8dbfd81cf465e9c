package import LRLensCore
package import ReferenceTrainer

extension RangeTestRecord {
  /// The record as the curve a reader would return for its export: the recorded losses, the
  /// raw ones beside them when the style smooths, every parameter group, and the style's
  /// framework.
  ///
  /// - Parameter path: The name the curve goes by in reports.
  /// - Returns: The curve.
  package func lossCurve(path: String) -> LossCurve {
    let smooths = style.framework.recordsSmoothedLosses ?? false
    let groups =
      groupLearningRates.count > 1
      ? groupLearningRates.enumerated().map {
        ParameterGroup(name: "group \($0)", learningRates: $1)
      }
      : []
    return LossCurve(
      learningRates: learningRates, losses: recordedLosses,
      rawLosses: smooths ? rawLosses : nil, parameterGroups: groups,
      provenance: Provenance(
        path: path, format: .csv, framework: style.framework,
        frameworkEvidence: "written by lrlens train --style \(style.rawValue)",
        isSmoothed: smooths,
        smoothingEvidence: smooths
          ? "the \(style.rawValue) finder records smoothed losses"
          : "the \(style.rawValue) finder records raw losses"))
  }
}
