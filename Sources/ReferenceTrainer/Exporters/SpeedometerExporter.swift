internal import LRLensCore

/// Writes MXNet Speedometer-style batch lines (``ExportFormat/speedometer``), as the MXNet
/// reference run's `train.log` holds them.
///
/// Each batch is one Python `logging` line, `%(asctime)s %(message)s`, with the message
/// `Epoch[0] Batch [i]\tSpeed: %f samples/sec\tloss=%f\tlr=LR`: the speed and the loss with
/// six decimals, as MXNet's callbacks print them, and the learning rate as Python's `repr`
/// (a callback's `lr={lr}`), so that every point reads back: with `%f`, rates below 5e-7 would
/// print as `0.000000` and small ones keep one or two digits, and lrlens could not read the
/// log the trainer wrote. When an MXNet-style run stopped early, the last
/// line reports the tutorial's stop: `LR range test finished after N iterations
/// (stopping_criteria): running mean of loss %f, first loss %f`, the running mean being the
/// tutorial's (`0.7 × loss + 0.3 × mean`, starting at the first loss).
///
/// The output is reproducible: line `i` is stamped 2026-01-01 00:00:00,000 plus 2·i
/// milliseconds, and every batch claims the same speed, 64 samples per 2 ms.
struct SpeedometerExporter: Exporter {
  /// The first line's time, in milliseconds since 1970-01-01 00:00:00 UTC (2026-01-01).
  static let startMilliseconds = 1_767_225_600_000
  /// The time between two lines, in milliseconds.
  static let batchMilliseconds = 2
  /// The speed every line reports: 64 samples per ``batchMilliseconds``.
  static let speed = "32000.000000"

  func bytes(for record: RangeTestRecord, path: String) throws(LRLensError) -> [UInt8] {
    var text = ""
    let losses = record.recordedLosses
    for (index, (learningRate, loss)) in zip(record.learningRates, losses).enumerated() {
      text += Self.timestamp(line: index)
      text += " Epoch[0] Batch [\(index)]\tSpeed: \(Self.speed) samples/sec"
      text += "\tloss=\(PrintfFormat.fixed(loss))\tlr=\(PythonFloatFormat.repr(learningRate))\n"
    }
    if record.style == .mxnet, record.stoppedEarly, let first = losses.first {
      var mean = first
      for loss in losses.dropFirst() { mean = (1 - 0.3) * loss + 0.3 * mean }
      text += Self.timestamp(line: losses.count)
      text += " LR range test finished after \(losses.count) iterations (stopping_criteria): "
      text += "running mean of loss \(PrintfFormat.fixed(mean)), "
      text += "first loss \(PrintfFormat.fixed(first))\n"
    }
    return Array(text.utf8)
  }

  /// Python `logging`'s `asctime` of line `line`: `2026-01-01 00:00:00,002`.
  static func timestamp(line: Int) -> String {
    let milliseconds = startMilliseconds + batchMilliseconds * line
    let (days, dayMilliseconds) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
    let (year, month, day) = civilDate(daysSince1970: days)
    let seconds = dayMilliseconds / 1000
    return "\(year)-\(padded(month, 2))-\(padded(day, 2)) \(padded(seconds / 3600, 2)):"
      + "\(padded(seconds / 60 % 60, 2)):\(padded(seconds % 60, 2)),"
      + padded(dayMilliseconds % 1000, 3)
  }

  /// The Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`,
  /// for days ≥ 0).
  private static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = shifted / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// A non-negative number with leading zeros up to `width` digits.
  private static func padded(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
