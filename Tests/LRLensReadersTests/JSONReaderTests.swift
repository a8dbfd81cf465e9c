import LRLensCore
import LRLensReaders
import LRLensTestSupport
import Testing

/// An inline JSON input and what must be read from it.
struct JSONCase: CustomTestStringConvertible, Sendable {
  var name: String
  var text: String
  var options = ReadOptions()
  var learningRates: [Double] = [1e-3, 1e-2, 1e-1]
  var losses: [Double] = [2.5, 2.25, 3]
  var rawLosses: [Double]?
  var learningRateName = "lr"
  var lossName = "loss"
  var groups: [String] = []

  var testDescription: String { name }
}

@Suite struct JSONReaderTests {
  static let exports = [
    ReferenceExport(run: "fastai_cnn_digits", file: "recorder.json"),
    ReferenceExport(run: "fastai_extreme_end_lr_short_curve", file: "recorder.json"),
    ReferenceExport(run: "fastai_mlp_digits", file: "recorder.json"),
    ReferenceExport(run: "fastai_sgd_nan_no_stop_div", file: "recorder.json"),
    ReferenceExport(run: "ignite_exp_mlp_digits", file: "history.json"),
    ReferenceExport(
      run: "keras-epochwise_lrscheduler_mlp_breast_cancer_adam", file: "history.json"),
    ReferenceExport(run: "keras-mlp_digits_adam", file: "history.json"),
    ReferenceExport(run: "lightning_exp_mlp_digits", file: "results.json"),
    ReferenceExport(run: "mxnet-mlp_digits_sgd_tutorial_defaults", file: "results.json"),
    ReferenceExport(run: "tlf_exp_cnn_digits_raw_smooth0", file: "history.json"),
    ReferenceExport(run: "tlf_exp_mlp_digits", file: "history.json"),
  ]

  static let variants: [JSONCase] = [
    JSONCase(
      name: "escaped keys keep their place",
      text: #"{"\u006cr": [1e-3, 0.01, 0.1], "lo\u0073s": [2.5, 2.25, 3], "note\n": ["a\"b"]}"#),
    JSONCase(name: "object of lists", text: #"{"lr": [1e-3, 0.01, 0.1], "loss": [2.5, 2.25, 3]}"#),
    JSONCase(
      name: "fastai names", text: #"{"lrs": [1e-3, 0.01, 0.1], "losses": [2.5, 2.25, 3]}"#,
      learningRateName: "lrs", lossName: "losses"),
    JSONCase(
      name: "Keras History",
      text: #"{"loss": [2.5, 2.25, 3], "learning_rate": [0.001, 0.01, 0.1]}"#,
      learningRateName: "learning_rate"),
    JSONCase(
      name: "ignite groups",
      text: #"{"lr": [[1e-4, 1e-3], [1e-3, 1e-2], [1e-2, 0.1]], "loss": [2.5, 2.25, 3]}"#,
      groups: ["group 0", "group 1"]),
    JSONCase(
      name: "ignite single group",
      text: #"{"lr": [[1e-3], [1e-2], [0.1]], "loss": [2.5, 2.25, 3]}"#),
    JSONCase(name: "MXNet pairs", text: "[[1e-3, 2.5], [0.01, 2.25],\n [0.1, 3]]"),
    JSONCase(
      name: "list of objects",
      text: #"[{"lr": 1e-3, "loss": 2.5}, {"loss": 2.25, "lr": 0.01}, {"lr": 0.1, "loss": 3}]"#),
    JSONCase(
      name: "Python's non-finite tokens and null",
      text: #"{"lr": [1e-3, 0.01, 0.1, 1, 10], "loss": [NaN, Infinity, -Infinity, null, 2]}"#,
      learningRates: [1e-3, 1e-2, 1e-1, 1, 10], losses: [.nan, .infinity, -.infinity, .nan, 2]),
    JSONCase(
      name: "strings read as cells",
      text: #"{"lr": ["1e-3", 0.01, 0.1], "loss": ["tensor(2.5)", "2.25", "NaN"]}"#,
      losses: [2.5, 2.25, .nan]),
    JSONCase(
      name: "byte order mark, white space and other keys",
      text: "\u{FEFF} \n{\"suggestion\": 0.01, \"lr\": [1e-3, 0.01, 0.1],\n"
        + " \"loss\": [2.5, 2.25, 3], \"note\": \"x\", \"mom\": [[1]]}\n"),
    JSONCase(
      name: "per-group keys in file order",
      text: #"{"lr_1": [1, 2, 3], "lr_0": [1e-3, 0.01, 0.1], "loss": [2.5, 2.25, 3]}"#,
      learningRateName: "lr_0", groups: ["lr_1", "lr_0"]),
    JSONCase(
      name: "smoothed and raw losses",
      text: #"{"lr": [1e-3, 0.01, 0.1], "loss": [9, 8, 7], "smooth_loss": [2.5, 2.25, 3]}"#,
      rawLosses: [9, 8, 7], lossName: "smooth_loss"),
    JSONCase(
      name: "chosen keys",
      text: #"{"a": [1e-3, 0.01, 0.1], "b": [2.5, 2.25, 3], "lr": [5, 5, 5]}"#,
      options: ReadOptions(learningRateColumn: "a", lossColumn: "b"), learningRateName: "a",
      lossName: "b"),
    JSONCase(
      name: "numbers as Python reads them",
      text: #"{"lr": [1E-3, 1e-2, 0.1], "loss": [2.5, 1e400, -1e-400]}"#,
      losses: [2.5, .infinity, -0.0]),
    JSONCase(
      name: "signed non-finite tokens",
      text: #"{"lr": [1e-3, +0.01, 0.1], "loss": [-NaN, +Infinity, 3]}"#,
      losses: [.nan, .infinity, 3]),
    JSONCase(
      name: "escaped key",
      text: #"{"l\u0072": [1e-3, 0.01, 0.1], "loss": [2.5, 2.25, 3]}"#),
  ]

  static let failures: [ReadFailure] = [
    ReadFailure(
      "duplicate key", #"{"lr": [1, 2, 3], "loss": [1, 2, 3], "loss": [6, 5, 4]}"#,
      message: """
        run.json:1:38: error: key 'loss' appears twice in one object (Python's json would keep \
        the last one silently)
          fix: delete the 'loss' you do not mean
        """),
    ReadFailure(
      "empty file", " \n",
      message: """
        run.json: error: the file is empty: expected JSON such as {"lr": [...], "loss": [...]}
          fix: check the path, or export the range test again
        """),
    ReadFailure(
      "not UTF-8", bytes: Array("{\"lr\": [1],\n \"lo".utf8) + [0xE9] + Array("ss\": [2]}".utf8),
      message: """
        run.json:2:5: error: expected UTF-8 text, found the byte 0xE9
          fix: save the file as UTF-8
        """),
    ReadFailure(
      "truncated", "{\"lr\": [1e-3, 0.01,\n 0.1], \"loss\": [2.5, 2.2",
      message: """
        run.json:2:25: error: invalid JSON: expected ',' or ']' after a list item, found the \
        end of the file
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "bad token after NaN", "{\"lr\": [NaN, Infinity,\n  -Infinity, abc]}",
      message: """
        run.json:2:14: error: invalid JSON: expected a value, found 'abc'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "trailing text", "{\"lr\": [1], \"loss\": [2]} x",
      message: """
        run.json:1:26: error: invalid JSON: expected the end of the file after the value, found \
        'x'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "trailing comma", #"{"lr": [1e-3, 0.01, 0.1,], "loss": [2.5, 2.25, 3]}"#,
      message: """
        run.json:1:25: error: invalid JSON: expected a value, found ']'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "unknown escape", #"{"l\q": [1e-3, 0.01, 0.1], "loss": [2.5, 2.25, 3]}"#,
      message: """
        run.json:1:4: error: invalid JSON: expected an escape such as \\n or \\u00e9, found '\\q'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "line break in a string", "{\"lr\n\": [1e-3, 0.01, 0.1]}",
      message: """
        run.json:1:5: error: invalid JSON: expected the string to end before the line does, \
        found a control character
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "unterminated string", #"{"lr": [1e-3], "loss"#,
      message: """
        run.json:1:21: error: invalid JSON: expected the end of the string started here, found \
        the end of the file
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "duplicate key in a nested object", #"[{"lr": 1e-3, "loss": 2.5, "lr": 0.1}]"#,
      message: """
        run.json:1:28: error: key 'lr' appears twice in one object (Python's json would keep \
        the last one silently)
          fix: delete the 'lr' you do not mean
        """),
    ReadFailure(
      "100,000 levels of nesting",
      String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
      message: """
        run.json:1:513: error: expected lists and objects nested at most 512 deep, found deeper \
        nesting
          fix: repair the JSON (is it a range-test export?)
        """),
    ReadFailure(
      "512 levels of nesting",
      String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
      message: """
        run.json (item 0): error: expected an [lr, loss] pair, found a list of 1 values
          fix: repair or delete item 0
        """),
    ReadFailure(
      "a number", "3",
      message: """
        run.json: error: expected an object of lists or a list of [lr, loss] pairs, found '3'
          fix: export the range test as {"lr": [...], "loss": [...]}
        """),
    ReadFailure(
      "an empty list", "[]",
      message: """
        run.json: error: expected a list of [lr, loss] pairs, found an empty list
          fix: export the range test again
        """),
    ReadFailure(
      "an object without lists", #"{"lr": 0.1, "loss": 2}"#,
      message: """
        run.json: error: expected an object of lists, found no list among its keys ('lr', \
        'loss')
          fix: export the range test as {"lr": [...], "loss": [...]}
        """),
    ReadFailure(
      "an empty object", "{}",
      message: """
        run.json: error: expected an object of lists, found no list among its keys
          fix: export the range test as {"lr": [...], "loss": [...]}
        """),
    ReadFailure(
      "lengths differ", #"{"lr": [1e-3, 0.01, 0.1], "loss": [2.5, 2.25]}"#,
      message: """
        run.json (key 'loss'): error: key 'lr' has 3 values but key 'loss' has 2
          fix: give every key the same number of values (is the file truncated?)
        """),
    ReadFailure(
      "text loss", #"{"lr": [1e-3, 0.01, 0.1], "loss": [2.5, "abc", 3]}"#,
      message: """
        run.json (key 'loss', index 1): error: expected a number in key 'loss', found 'abc'
          fix: repair the value at index 1 of key 'loss', or pick another key with --loss-column
        """),
    ReadFailure(
      "boolean learning rate", #"{"lr": [1e-3, true, 0.1], "loss": [2.5, 2, 3]}"#,
      message: """
        run.json (key 'lr', index 1): error: expected a number in key 'lr', found 'true'
          fix: repair the value at index 1 of key 'lr', or pick another key with --lr-column
        """),
    ReadFailure(
      "exponent without digits", "[[1e-3, 2.5],\n [1e-, 2]]",
      message: """
        run.json:2:3: error: invalid JSON: malformed number '1e-'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "double sign", #"{"lr": [--1]}"#,
      message: """
        run.json:1:9: error: invalid JSON: malformed number '--1'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "leading zero", #"{"lr": [01]}"#,
      message: """
        run.json:1:9: error: invalid JSON: malformed number '01'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "bare fraction", #"{"lr": [.5]}"#,
      message: """
        run.json:1:9: error: invalid JSON: malformed number '.5'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "JSON5 comment", "{\"lr\": [1e-3, 0.01, 0.1], // comment\n \"loss\": [2.5, 2.25, 3]}",
      message: """
        run.json:1:27: error: invalid JSON: expected a key in double quotes, found '/'
          fix: repair the JSON (is the file truncated?)
        """),
    ReadFailure(
      "zero learning rate", #"{"lr": [1e-3, 0, 0.1], "loss": [2.5, 2.25, 3]}"#,
      message: """
        run.json (key 'lr', index 1): error: expected a learning rate greater than 0 in key \
        'lr', found '0'
          fix: repair the value at index 1 of key 'lr', or pick another key with --lr-column
        """),
    ReadFailure(
      "null learning rate", #"{"lr": [1e-3, 0.01, null], "loss": [2.5, 2.25, 3]}"#,
      message: """
        run.json (key 'lr', index 2): error: expected a learning rate greater than 0 in key \
        'lr', found 'null'
          fix: repair the value at index 2 of key 'lr', or pick another key with --lr-column
        """),
    ReadFailure(
      "negative learning rate in a pair", "[[1e-3, 2.5], [-0.01, 2.25], [0.1, 3]]",
      message: """
        run.json (item 1): error: expected a learning rate greater than 0, found '-0.01'
          fix: repair or delete item 1
        """),
    ReadFailure(
      "a triple among pairs", "[[1e-3, 2.5], [0.01, 2.25, 7], [0.1, 3]]",
      message: """
        run.json (item 1): error: expected an [lr, loss] pair, found a list of 3 values
          fix: repair or delete item 1
        """),
    ReadFailure(
      "text in a pair", #"[[1e-3, 2.5], [0.01, "x"], [0.1, 3]]"#,
      message: """
        run.json (item 1): error: expected a number as the loss, found 'x'
          fix: repair or delete item 1
        """),
    ReadFailure(
      "an object among pairs", #"[[1e-3, 2.5], {"lr": 1}]"#,
      message: """
        run.json (item 1): error: expected an [lr, loss] pair, found an object
          fix: repair or delete item 1
        """),
    ReadFailure(
      "a pair among objects", #"[{"lr": 1e-3, "loss": 2.5}, [0.01, 2.25]]"#,
      message: """
        run.json (item 1): error: expected an object as at item 0, found a list
          fix: repair or delete item 1
        """),
    ReadFailure(
      "an object without the loss", #"[{"lr": 1e-3, "loss": 2.5}, {"lr": 0.01}]"#,
      message: """
        run.json (item 1): error: expected key 'loss' as in other items, found none
          fix: repair or delete item 1, or pick another key with --loss-column
        """),
    ReadFailure(
      "ignite groups of different sizes", #"{"lr": [[1e-4, 1e-3], [1e-3]], "loss": [2.5, 2]}"#,
      message: """
        run.json (key 'lr', index 1): error: expected 2 per-group learning rates as at index 0, \
        found 1
          fix: repair the value at index 1 of key 'lr'
        """),
    ReadFailure(
      "ignite group that is not a number", #"{"lr": [[1e-4, "x"]], "loss": [2.5]}"#,
      message: """
        run.json (key 'lr', index 0): error: expected a number for group 1 in key 'lr', found 'x'
          fix: repair the value at index 0 of key 'lr', or pick another key with --lr-column
        """),
    ReadFailure(
      "two points", #"{"lr": [1e-3, 0.01], "loss": [2.5, 2.25]}"#,
      message: """
        run.json: error: a range test needs at least 3 points, found 2
          fix: export the whole range test (lrlens needs at least 3 points)
        """),
    ReadFailure(
      "no finite loss", #"{"lr": [1e-3, 0.01, 0.1], "loss": [NaN, null, Infinity]}"#,
      message: """
        run.json (key 'loss'): error: expected at least one finite loss in key 'loss', found \
        only NaN or infinity
          fix: pick another key with --loss-column, or export the range test again
        """),
    ReadFailure(
      "no finite loss in pairs", "[[1e-3, NaN], [0.01, NaN], [0.1, NaN]]",
      message: """
        run.json: error: expected at least one finite loss in the losses, found only NaN or \
        infinity
          fix: export the range test again: every loss is NaN or infinite
        """),
    ReadFailure(
      "unknown key", #"{"lr": [1e-3], "loss": [2.5], "acc": 3}"#,
      options: ReadOptions(learningRateColumn: "rate"),
      message: """
        run.json: error: there is no key 'rate' (from --lr-column)
          fix: pick one of 'lr', 'loss' with --lr-column
        """),
  ]

  @Test(arguments: exports)
  func readsReferenceExports(_ export: ReferenceExport) throws {
    let result = try JSONReader().read(export.input(), options: ReadOptions())
    try export.check(result.curve)
    #expect(result.curve.provenance.lineNumbers == nil)
    #expect(result.curve.provenance.format == .json)
  }

  @Test(arguments: variants)
  func readsVariants(_ testCase: JSONCase) throws {
    let input = LogInput(path: "run.json", bytes: Array(testCase.text.utf8))
    let curve = try JSONReader().read(input, options: testCase.options).curve
    #expect(curve.learningRates == testCase.learningRates)
    #expect(sameValues(curve.losses, testCase.losses))
    #expect(curve.rawLosses == testCase.rawLosses)
    #expect(curve.provenance.learningRateName == testCase.learningRateName)
    #expect(curve.provenance.lossName == testCase.lossName)
    #expect(curve.parameterGroups.map(\.name) == testCase.groups)
  }

  @Test func readsIgniteGroupsAsParameterGroups() throws {
    let text = #"{"lr": [[1e-4, 1e-3], [1e-3, 1e-2], [1e-2, 0.1]], "loss": [2.5, 2.25, 3]}"#
    let result = try JSONReader().read(
      LogInput(path: "run.json", bytes: Array(text.utf8)), options: ReadOptions())
    #expect(result.curve.parameterGroups[0].learningRates == [1e-4, 1e-3, 1e-2])
    #expect(
      result.diagnostics.map(\.description) == [
        "run.json (key 'lr'): note: 2 parameter groups; analysing the last, 'group 1'"
      ])
  }

  @Test func ignoresUnreadableExtraSeries() throws {
    let text = """
      [{"lr_0": 1e-4, "lr_1": 1e-3, "loss": 2.5, "smooth_loss": 2.5},
       {"lr_0": "x", "lr_1": 1e-2, "loss": "y", "smooth_loss": 2.25},
       {"lr_0": 1e-2, "lr_1": 0.1, "loss": 3, "smooth_loss": 3}]
      """
    let result = try JSONReader().read(
      LogInput(path: "run.json", bytes: Array(text.utf8)), options: ReadOptions())
    #expect(result.curve.learningRates == [1e-3, 1e-2, 0.1])
    #expect(result.curve.losses == [2.5, 2.25, 3])
    #expect(result.curve.rawLosses == nil)
    #expect(result.curve.parameterGroups.isEmpty)
    #expect(
      result.diagnostics.map(\.description) == [
        "run.json (item 1, key 'loss'): warning: ignored key 'loss': expected a number in key "
          + "'loss', found 'y'",
        "run.json (item 1, key 'lr_0'): warning: ignored key 'lr_0': expected a number in key "
          + "'lr_0', found 'x'",
      ])
  }

  @Test func warnsThatPairListsIgnoreColumnOptions() throws {
    let result = try JSONReader().read(
      LogInput(path: "run.json", bytes: Array("[[1e-3, 2], [1e-2, 1], [0.1, 3]]".utf8)),
      options: ReadOptions(lossColumn: "loss"))
    #expect(
      result.diagnostics.map(\.description) == [
        "run.json: warning: --lr-column and --loss-column are ignored: the file is a list of "
          + "[lr, loss] pairs"
      ])
  }

  @Test(arguments: failures)
  func reportsBadInput(_ failure: ReadFailure) {
    failure.expectFailure(of: JSONReader(), path: "run.json")
  }

  @Test func neverTrapsOnArbitraryBytes() {
    let alphabet = Array("{}[],:\" \n0123456789.e-NaInfylrosu\\/*'".utf8) + [0x00, 0xFF, 0xC3]
    var generator = SplitMix64(seed: 7)
    for _ in 0..<3_000 {
      let length = Int(generator.next() % 60)
      let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
      let input = LogInput(path: "fuzz.json", bytes: Array("{\"lr\": [".utf8) + bytes)
      // Either outcome is fine; a trap is not.
      _ = try? JSONReader().read(input, options: ReadOptions())
    }
  }
}
