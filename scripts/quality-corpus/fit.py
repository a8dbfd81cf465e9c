"""Fits lrlens's recommendation to the real-framework quality corpus, cross-validated by
dataset family, and reports out-of-fold numbers beside every framework rule.

    python fit.py CORPUS_DIR LRLENS_BINARY [--baseline OLD_BINARY] [--write | --check]

For each task it runs `lrlens suggest --json` on the finder's export and reads the
recommendation's `features` (measured by lrlens in Swift) and every rule's value. Then, per
schedule (constant, one-cycle):

1. The pick: each anchor (a landmark in decades) plus its offset votes, and the pick is the
   median vote, kept within VALLEY_GUARD decades of valley, at most a fitted ceiling offset
   above the lower of the lowest loss and the divergence, and inside the tested range. Each
   offset is the one at which that anchor alone hits the most training tasks. Whether every
   anchor votes or only the best one, and which ceiling (none or one of CEILING_OFFSETS),
   is chosen by the lowest mean regret leaving one family out within the training tasks.
2. The confidence: a logistic model of whether a pick made without the task's family hits;
   `high` from the lowest probability at which such picks are right >= 92 % of the time.

Out-of-fold: leave one dataset family out, fit on the rest, judge the family left out. With
--write, the model fitted on every task is written to
Sources/LRLensAnalysis/Recommendation/FittedRecommenderModel+Corpus.swift, the tables to
docs/quality-corpus-constant.md and docs/quality-corpus-one-cycle.md, and per-task expected
picks to fixtures/quality-corpus/expected.json (checked by QualityCorpusFixtureTests). With
--check, lrlens's picks are compared with expected.json.
"""

import argparse
import glob
import json
import math
import os
import subprocess
import sys

import numpy as np

HIT_DECADES = 0.5
# The pick never strays further than this from fastai's valley (decades): where lrlens locates
# the wrong fall (an early transient, a late one), valley usually does not, and the guard caps
# the damage. Set by hand at 1 decade after the first 48 tasks' out-of-fold numbers showed it
# halves the worst regrets for a task or two fewer hits.
VALLEY_GUARD = 1.0
ANCHORS = ["descent_start", "steepest", "half_fall", "minimum", "bottom", "lowest",
           "divergence_or_last", "valley", "minimum_rule"]
CONFIDENCE_FEATURES = ["significance", "resolution", "spread", "noise", "relative_depth",
                       "divergence_seen", "still_falling", "linear_grid",
                       "pick_to_lowest", "lowest_to_start", "pick_to_valley", "vote_spread"]
RULES = ["valley", "slide", "minimum", "steep", "min_grad", "lightning", "ignite",
         "sma_derivative", "minima", "slide_rule"]
SCHEDULES = {"constant": "constant", "one-cycle": "one_cycle"}
MODEL_KINDS = ["median", "single"]  # chosen per schedule by inner cross-validation
# The pick's ceiling above min(lowest, divergence_or_last), in decades (None: no ceiling),
# chosen with the kind by inner cross-validation: a pick near where the loss turns up is where
# the sweeps diverge.
CEILING_OFFSETS = [None, 0.0, -0.2, -0.4, -0.6, -0.8, -1.0]
HIGH_PRECISION_TARGET = 0.92
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


# MARK: - Reading


def load(corpus, binary, schedules=tuple(SCHEDULES)):
    """Every task of the corpus with lrlens's report per schedule (`schedules` empty: one
    report without --schedule, for binaries that predate it)."""
    tasks = []
    for truth_path in sorted(glob.glob(os.path.join(corpus, "*", "truth.json"))):
        folder = os.path.dirname(truth_path)
        with open(truth_path) as f:
            truth = json.load(f)
        export = os.path.join(folder, truth["export"])
        reports = {}
        for schedule in schedules or ("constant",):
            flags = ["--schedule", schedule] if schedules else []
            out = subprocess.run([binary, "suggest", "--json", *flags, export],
                                 capture_output=True, text=True)
            reports[schedule] = json.loads(out.stdout.splitlines()[0]) if out.stdout else {}
        tasks.append({"id": os.path.basename(folder), "truth": truth,
                      "report": reports["constant"], "reports": reports,
                      "export": os.path.relpath(export, ROOT)})
    return tasks


def check(tasks, expected):
    """Whether lrlens (Swift) recommends what the fitted model (Python) predicts."""
    mismatches = 0
    tasks = [t for t in tasks if t["export"] in expected]
    for task in tasks:
        for schedule in SCHEDULES:
            want = expected[task["export"]][schedule]
            got = task["reports"][schedule].get("recommendation") or {}
            same_lr = (got.get("lr") is None and want["lr"] is None) or (
                got.get("lr") and want["lr"]
                and abs(math.log10(got["lr"]) - math.log10(want["lr"])) < 1e-9)
            if not same_lr or got.get("level") != want["level"]:
                mismatches += 1
                print(f"mismatch {task['id']} {schedule}: lrlens {got.get('lr')} "
                      f"{got.get('level')}, model {want['lr']} {want['level']}")
    print(f"{mismatches} mismatches over {len(tasks)} tasks x {len(SCHEDULES)} schedules")
    return mismatches


# MARK: - Truth


def log10(x):
    return math.log10(x) if x and x > 0 else None


def target_interval(judge):
    best = math.log10(judge["best_rate"])
    low, high = (math.log10(v) for v in judge["good_range"])
    return min(low, best - HIT_DECADES), max(high, best + HIT_DECADES)


def regrets(judge, untrained):
    best = judge["best_val_loss"]
    gain = untrained - best
    values = []
    for loss in judge["mean_val_loss"]:
        if loss is None or gain <= 0:
            values.append(1.0)
        else:
            values.append(min(max((loss - best) / gain, 0.0), 1.0))
    return values


def regret_at(task, schedule, decade):
    truth = task["truth"]
    judge = truth[SCHEDULES[schedule]]
    grid = [math.log10(r) for r in truth["rates"]]
    values = regrets(judge, truth["untrained_val_loss"])
    return float(np.interp(decade, grid, values))


def harmful_at(task, schedule, decade):
    """Whether the nearest grid rate diverged or ended worse than the untrained model."""
    truth = task["truth"]
    judge = truth[SCHEDULES[schedule]]
    grid = [math.log10(r) for r in truth["rates"]]
    nearest = int(np.argmin([abs(g - decade) for g in grid]))
    loss = judge["mean_val_loss"][nearest]
    return loss is None or loss >= truth["untrained_val_loss"]


def is_hit(task, schedule, decade):
    low, high = target_interval(task["truth"][SCHEDULES[schedule]])
    return low <= decade <= high


# MARK: - Features


def features_of(task):
    recommendation = task["report"].get("recommendation") or {}
    return recommendation.get("features")


def rule_decades(task):
    values = {}
    for rule, result in (task["report"].get("suggestions") or {}).items():
        lr = result.get("lr") if isinstance(result, dict) else None
        if lr and lr > 0 and math.isfinite(lr):
            values[rule] = math.log10(lr)
    return values


def votes(model, features):
    """Each anchor's vote: the anchor plus its fitted offset (decades)."""
    return [features[a] + o for a, o in zip(model["anchors"], model["offsets"])]


def pick_of(model, features):
    """The median vote, guarded and clamped."""
    return clamp(float(np.median(votes(model, features))), features, model.get("ceiling"))


def clamp(decade, features, ceiling):
    """The pick kept within VALLEY_GUARD decades of fastai's valley, at most `ceiling` decades
    above the lower of the lowest loss and the divergence (no limit when None), then inside the
    tested learning rates."""
    decade = min(max(decade, features["valley"] - VALLEY_GUARD), features["valley"] + VALLEY_GUARD)
    if ceiling is not None:
        decade = min(decade, min(features["lowest"], features["divergence_or_last"]) + ceiling)
    return min(max(decade, features["first"]), features["last"])


def confidence_row(task, features, decade, spread):
    row = dict(features)
    row["vote_spread"] = spread
    row["pick_to_lowest"] = features["lowest"] - decade
    row["pick_to_valley"] = abs(features["valley"] - decade)
    row["lowest_to_start"] = features["lowest"] - features["descent_start"]
    return [row[name] for name in CONFIDENCE_FEATURES]


# MARK: - Fitting


def best_offset(tasks, anchor, schedule):
    """The offset (a multiple of 0.05 decades in [-3, 3]) at which the anchor alone hits the
    most tasks; ties go to the smaller total distance outside the targets."""
    values = np.array([features_of(t)[anchor] for t in tasks])
    intervals = np.array([target_interval(t["truth"][SCHEDULES[schedule]]) for t in tasks])
    best = None
    for offset in np.round(np.arange(-3.0, 3.0001, 0.05), 2):
        decades = values + offset
        hits = int(np.sum((intervals[:, 0] <= decades) & (decades <= intervals[:, 1])))
        distance = float(np.sum(np.maximum(np.maximum(intervals[:, 0] - decades,
                                                      decades - intervals[:, 1]), 0)))
        key = (hits, -distance, -abs(offset))
        if best is None or key > best[0]:
            best = (key, float(offset))
    return best[1], best[0][0]


def fit_votes(tasks, schedule, kind, ceiling=None):
    """`median`: every anchor votes with its best offset; `single`: the anchor that hits most
    on its own. `ceiling` is kept as given."""
    fitted = {a: best_offset(tasks, a, schedule) for a in ANCHORS}
    if kind == "single":
        anchor = max(ANCHORS, key=lambda a: (fitted[a][1], -ANCHORS.index(a)))
        return {"anchors": [anchor], "offsets": [fitted[anchor][0]], "ceiling": ceiling}
    return {"anchors": list(ANCHORS), "offsets": [fitted[a][0] for a in ANCHORS],
            "ceiling": ceiling}


def fit_logistic(rows, labels):
    """Logistic regression (ridge 1 on standardised features, Newton steps); returns the
    weights and intercept on the raw features."""
    x = np.array(rows, dtype=float)
    y = np.array(labels, dtype=float)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std < 1e-9] = 1.0
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    ridge = 1.0
    for _ in range(50):
        prob = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (prob - y) + ridge * np.r_[w[:-1], 0]
        hessian = z.T @ (z * (prob * (1 - prob))[:, None]) + ridge * np.diag(
            np.r_[np.ones(len(w) - 1), 0])
        w -= np.linalg.solve(hessian + 1e-6 * np.eye(len(w)), gradient)
    weights = w[:-1] / std
    intercept = w[-1] - float(np.sum(w[:-1] * mean / std))
    return weights, intercept


def probabilities(weights, intercept, rows):
    return 1 / (1 + np.exp(-(np.array(rows, dtype=float) @ weights + intercept)))


def high_threshold(probability, labels):
    """The lowest probability from which at least HIGH_PRECISION_TARGET of the tasks (and at
    least 5) are hits; 1.0 (never high) when no such probability exists."""
    y = np.array(labels, dtype=float)
    threshold = 1.0
    for t in sorted(set(np.round(probability, 6)), reverse=True):
        chosen = probability >= t
        if chosen.sum() >= 5 and y[chosen].mean() >= HIGH_PRECISION_TARGET:
            threshold = float(t)
    return threshold


def families_of(tasks):
    return sorted({t["truth"]["task"]["family"] for t in tasks})


def family(task):
    return task["truth"]["task"]["family"]


def inner_picks(usable, schedule, kind, ceiling):
    """Each task's pick by votes fitted without its family (leave one family out)."""
    decades = {}
    for held_out in families_of(usable):
        inner = [t for t in usable if family(t) != held_out]
        model = fit_votes(inner, schedule, kind, ceiling)
        for task in usable:
            if family(task) == held_out:
                decades[task["id"]] = pick_of(model, features_of(task))
    return decades


def choose_kind(usable, schedule):
    """The kind (`median` or `single`) and ceiling whose picks, leaving one family out within
    `usable`, have the lowest mean regret (ties: the earlier in MODEL_KINDS and
    CEILING_OFFSETS), with those held-out picks."""
    best = None
    for kind in MODEL_KINDS:
        for ceiling in CEILING_OFFSETS:
            decades = inner_picks(usable, schedule, kind, ceiling)
            regret = float(np.mean([regret_at(t, schedule, decades[t["id"]]) for t in usable]))
            if best is None or regret < best[0] - 1e-12:
                best = (regret, kind, ceiling, decades)
    return best[1], best[2], best[3]


def fit(tasks, schedule):
    """The votes (median of every anchor, or the single best anchor, chosen by inner
    cross-validation) and the confidence, both judged on picks made without the task's own
    family, so that `high` means what it says on new curves."""
    usable = [t for t in tasks if features_of(t)]
    kind, ceiling, held_out_picks = choose_kind(usable, schedule)
    model = fit_votes(usable, schedule, kind, ceiling)
    # The confidence learns when a pick made without the task's family hits.
    confidence_rows = [confidence_row(t, features_of(t), held_out_picks[t["id"]],
                                      vote_spread(model, features_of(t))) for t in usable]
    labels = [is_hit(t, schedule, held_out_picks[t["id"]]) for t in usable]
    weights, intercept = fit_logistic(confidence_rows, labels)
    # Its threshold is set on probabilities from logistic fits without the task's family.
    held_out_probability = np.zeros(len(usable))
    for held_out in families_of(usable):
        inside = [i for i, t in enumerate(usable) if family(t) != held_out]
        outside = [i for i, t in enumerate(usable) if family(t) == held_out]
        w, b = fit_logistic([confidence_rows[i] for i in inside], [labels[i] for i in inside])
        held_out_probability[outside] = probabilities(w, b, [confidence_rows[i] for i in outside])
    model.update({"kind": kind, "confidence": weights, "intercept": intercept,
                  "threshold": high_threshold(held_out_probability, labels)})
    return model


def vote_spread(model, features):
    """The median absolute deviation of the votes (decades): how much the landmarks disagree."""
    cast = np.array(votes(model, features))
    return float(np.median(np.abs(cast - np.median(cast))))


def predict(model, task):
    features = features_of(task)
    if not features:
        return None, "low", 0.0
    decade = pick_of(model, features)
    score = float(np.dot(model["confidence"],
                         confidence_row(task, features, decade, vote_spread(model, features)))
                  + model["intercept"])
    probability = 1 / (1 + math.exp(-score))
    level = "high" if probability >= model["threshold"] and not features["capped"] else "medium"
    return decade, level, probability


def out_of_fold(tasks, schedule):
    families = families_of(tasks)
    predictions = {}
    for family in families:
        training = [t for t in tasks if t["truth"]["task"]["family"] != family]
        model = fit(training, schedule)
        for task in tasks:
            if task["truth"]["task"]["family"] == family:
                predictions[task["id"]] = predict(model, task)
    return predictions


# MARK: - Reporting


def rule_picks(task, rule):
    if rule == "finder's own":
        own = task["truth"].get("finder_suggestions") or {}
        values = [v for v in own.values() if v]
        preferred = own.get("valley") or own.get("suggestion") or own.get("steepest")
        value = preferred or (values[0] if values else None)
        return log10(value) if value else None
    return rule_decades(task).get(rule)


def summary(tasks, schedule, picks):
    hits, regret_values, harmful, answered = 0, [], 0, 0
    for task in tasks:
        decade = picks.get(task["id"])
        if decade is None:
            regret_values.append(1.0)
            continue
        answered += 1
        hits += is_hit(task, schedule, decade)
        regret_values.append(regret_at(task, schedule, decade))
        harmful += harmful_at(task, schedule, decade)
    return {"hits": hits, "answered": answered, "median": float(np.median(regret_values)),
            "p90": float(np.percentile(regret_values, 90)), "harmful": harmful,
            "count": len(tasks)}


def markdown(tasks, schedule, oof, baseline):
    lines = [f"# Quality on real-framework range tests: `--schedule {schedule}`", "",
             f"Generated by `scripts/quality-corpus/fit.py` from {len(tasks)} tasks in "
             "`fixtures/quality-corpus/` (see `scripts/quality-corpus/README.md` for the "
             "protocol). `recommend` is **out of fold**: leave one dataset family out, fit on "
             "the other families, judge the family left out. The rules are not fitted. A hit "
             "is a pick inside the good range or within 0.5 decades of the best rate; regret is "
             "the share of the achievable validation-loss improvement lost at the pick "
             "(refusals count as 100 %); harmful is a pick at which the sweep diverged or ended "
             "worse than the untrained model.", "",
             "| rule | hits | hit rate | median regret | p90 regret | harmful | answered |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    rows = [("recommend (out of fold)", {k: v[0] for k, v in oof.items()})]
    if baseline:
        rows.append(("recommend before (lrlens 666bc99)", baseline))
    rows += [(rule, {t["id"]: rule_picks(t, rule) for t in tasks})
             for rule in RULES + ["finder's own"]]
    for name, picks in rows:
        s = summary(tasks, schedule, picks)
        lines.append(f"| {name} | {s['hits']}/{s['count']} | {100 * s['hits'] / s['count']:.1f} % "
                     f"| {100 * s['median']:.1f} % | {100 * s['p90']:.1f} % | {s['harmful']} | "
                     f"{s['answered']} |")
    levels = {"high": [0, 0], "medium": [0, 0], "low": [0, 0]}
    for task in tasks:
        decade, level, _ = oof[task["id"]]
        levels[level][0] += 1
        levels[level][1] += decade is not None and is_hit(task, schedule, decade)
    lines += ["", "## Confidence (out of fold)", "", "| level | tasks | right | share right |",
              "|---|---:|---:|---:|"]
    for level, (count, right) in levels.items():
        share = f"{100 * right / count:.1f} %" if count else "—"
        lines.append(f"| {level} | {count} | {right} | {share} |")
    refused = [t for t in tasks if oof[t["id"]][0] is None]
    lines += ["", f"## Refused curves ({len(refused)})", ""]
    if refused:
        lines += ["How the rules did on the curves `recommend` refused:", "",
                  "| task | " + " | ".join(RULES[:4]) + " |", "|---|" + "---:|" * 4]
        for task in refused:
            cells = []
            for rule in RULES[:4]:
                decade = rule_picks(task, rule)
                cells.append("—" if decade is None else
                             ("hit" if is_hit(task, schedule, decade) else "miss"))
            lines.append(f"| {task['id']} | " + " | ".join(cells) + " |")
    lines += in_sample_ceiling(tasks, schedule)
    lines += ["", "## Out of fold by finder", "", "| finder | tasks | recommend | valley | minimum |",
              "|---|---:|---:|---:|---:|"]
    for finder in sorted({t["truth"]["task"]["finder"] for t in tasks}):
        group = [t for t in tasks if t["truth"]["task"]["finder"] == finder]
        cells = []
        for picks in ({k: v[0] for k, v in oof.items()},
                      {t["id"]: rule_picks(t, "valley") for t in group},
                      {t["id"]: rule_picks(t, "minimum") for t in group}):
            cells.append(str(summary(group, schedule, picks)["hits"]))
        lines.append(f"| {finder} | {len(group)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def in_sample_ceiling(tasks, schedule):
    """How far a landmark plus one offset can go when fitted on every task and judged on the
    same tasks (in sample, so an upper bound on what it does on new curves)."""
    usable = [t for t in tasks if features_of(t)]
    rows = sorted(((best_offset(usable, a, schedule)[1], a) for a in ANCHORS), reverse=True)
    hits, anchor = rows[0]
    return ["", "## What one landmark can reach (in sample)", "",
            f"Fitted and judged on the same {len(usable)} answered tasks, the best single "
            f"landmark (`{anchor}` plus its best offset) hits {hits} "
            f"({100 * hits / len(tasks):.1f} % of all {len(tasks)} tasks); the next are "
            + ", ".join(f"`{a}` {h}" for h, a in rows[1:4]) + ". Out of fold, numbers can only be "
            "lower: the sweeps of one curve's task vary by about a decade around any landmark "
            "(noisy or overfitting sweeps on the small data sets), which bounds the hit rate of "
            "any pick made from the range test alone."]


def trainer_suite(binary):
    """The recommendation on lrlens's own trainer's quality suite (a separate report): hits
    within 0.5 decades of the best rate and of the near-best centre, before and now."""
    lines = ["", "## Trainer suite (lrlens's own trainer, a separate check)", "",
             "The saved range tests of `fixtures/quality-suite/` (`scripts/quality-suite`), "
             "judged against their own constant-rate sweeps; \"before\" is the recommendation "
             "those runs measured.", "",
             "| set | tasks | before: best rate | now: best rate | before: centre | now: centre |",
             "|---|---:|---:|---:|---:|---:|"]
    for name in ("suite", "held-out"):
        counts = [0, 0, 0, 0]
        path = os.path.join(ROOT, "fixtures", "quality-suite", f"{name}.jsonl")
        with open(path) as f:
            saved = [json.loads(line) for line in f if line.strip()]
        for entry in saved:
            log = os.path.join(ROOT, "fixtures", "quality-suite", name,
                               f"{entry['task']}-{entry['style']}.csv")
            out = subprocess.run([binary, "suggest", "--json", log], capture_output=True,
                                 text=True)
            now = json.loads(out.stdout)["recommendation"]["lr"] if out.stdout else None
            before = next(o["lr"] for o in entry["outcomes"] if o["rule"] == "recommend")
            for column, (lr, target) in enumerate(
                    [(before, "best_lr"), (now, "best_lr"), (before, "near_best_centre"),
                     (now, "near_best_centre")]):
                if lr and abs(math.log10(lr) - math.log10(entry["sweep"][target])) <= 0.5 + 1e-9:
                    counts[column] += 1
        lines.append(f"| {name} | {len(saved)} | " + " | ".join(map(str, counts)) + " |")
    return "\n".join(lines) + "\n"


README_RULES = ["valley", "slide", "minimum", "sma_derivative"]


def readme_section(tasks, results):
    """The README's quality tables (between its quality-corpus markers), from the same
    out-of-fold picks as the docs; the best value of each column in bold."""
    lines = []
    for schedule, oof in results.items():
        rows = [("recommend", {k: v[0] for k, v in oof.items()})]
        rows += [(rule, {t["id"]: rule_picks(t, rule) for t in tasks}) for rule in README_RULES]
        stats = [(name, summary(tasks, schedule, picks)) for name, picks in rows]
        best_hits = max(s["hits"] for _, s in stats)
        best_median = min(s["median"] for _, s in stats)
        best_p90 = min(s["p90"] for _, s in stats)
        best_harm = min(s["harmful"] for _, s in stats)

        def bold(text, flag):
            return f"**{text}**" if flag else text

        lines += [f"| `--schedule {schedule}` | hits | median regret | p90 regret | harmful picks |",
                  "|---|---:|---:|---:|---:|"]
        for name, s in stats:
            hits = f"{s['hits']}/{s['count']} ({100 * s['hits'] / s['count']:.0f} %)"
            median = f"{100 * s['median']:.1f} %"
            p90 = f"{100 * s['p90']:.1f} %"
            lines.append(f"| {name} | {bold(hits, s['hits'] == best_hits)} | "
                         f"{bold(median, s['median'] == best_median)} | "
                         f"{bold(p90, s['p90'] == best_p90)} | "
                         f"{bold(str(s['harmful']), s['harmful'] == best_harm)} |")
        levels = {"high": [0, 0], "medium": [0, 0]}
        for task in tasks:
            decade, level, _ = oof[task["id"]]
            if level in levels:
                levels[level][0] += 1
                levels[level][1] += decade is not None and is_hit(task, schedule, decade)
        refused = sum(1 for task in tasks if oof[task["id"]][0] is None)
        lines += ["", f"With `--schedule {schedule}`, `recommend` refuses {refused} of "
                  f"{len(tasks)} curves ({100 * refused / len(tasks):.1f} %); "
                  + "; ".join(f"`{level}` is given {count} times and right {100 * right / count:.0f} "
                              "% of them" if count else f"`{level}` is never given"
                              for level, (count, right) in levels.items())
                  + ".", ""]
    return "\n".join(lines)


def write_readme(section):
    """Replaces the README's text between `<!-- quality-corpus:begin -->` and
    `<!-- quality-corpus:end -->`."""
    path = os.path.join(ROOT, "README.md")
    with open(path) as f:
        text = f.read()
    begin, end = "<!-- quality-corpus:begin -->", "<!-- quality-corpus:end -->"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    with open(path, "w") as f:
        f.write(head + begin + "\n" + section + end + tail)


def swift_source(models):
    def names(values):
        return "[\n" + "".join(f'      "{v}",\n' for v in values) + "    ]"

    def array(values):
        return "[\n" + "".join(f"      {float(v)!r},\n" for v in values) + "    ]"

    parts = []
    for schedule, model in models.items():
        name = "constant" if schedule == "constant" else "oneCycle"
        parts.append(f"""  /// Fitted to the corpus's {schedule} sweeps.
  static let {name} = FittedRecommenderModel(
    anchors: {names(model['anchors'])},
    offsets: {array(model['offsets'])},
    valleyGuard: {VALLEY_GUARD!r},
    ceilingOffset: {'nil' if model['ceiling'] is None else repr(float(model['ceiling']))},
    confidenceWeights: {array(model['confidence'])},
    confidenceIntercept: {float(model['intercept'])!r},
    highThreshold: {float(model['threshold'])!r})""")
    return ("// Generated by scripts/quality-corpus/fit.py from fixtures/quality-corpus; do not edit.\n"
            "\n"
            "extension FittedRecommenderModel {\n"
            + "\n\n".join(parts) + "\n}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("binary")
    parser.add_argument("--baseline", help="an older lrlens binary to report beside")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--check", action="store_true",
                        help="only compare lrlens's picks with expected.json")
    args = parser.parse_args()
    tasks = load(args.corpus, args.binary)
    if args.check:
        with open(os.path.join(args.corpus, "expected.json")) as f:
            return 1 if check(tasks, json.load(f)) else 0
    baseline = {}
    if args.baseline:
        for task in load(args.corpus, args.baseline, schedules=()):
            lr = (task["report"].get("recommendation") or {}).get("lr")
            baseline[task["id"]] = log10(lr) if lr else None
    models, expected, results = {}, {}, {}
    for schedule in SCHEDULES:
        oof = out_of_fold(tasks, schedule)
        results[schedule] = oof
        text = markdown(tasks, schedule, oof, baseline)
        if schedule == "constant":
            text += trainer_suite(args.binary)
        print(text)
        models[schedule] = fit(tasks, schedule)
        if args.write:
            with open(os.path.join(ROOT, "docs", f"quality-corpus-{schedule}.md"), "w") as f:
                f.write(text)
        for task in tasks:
            decade, level, _ = predict(models[schedule], task)
            expected.setdefault(task["export"], {})[schedule] = {
                "lr": None if decade is None else 10 ** decade, "level": level,
                "hit": decade is not None and is_hit(task, schedule, decade)}
    if args.write:
        path = os.path.join(ROOT, "Sources", "LRLensAnalysis", "Recommendation",
                            "FittedRecommenderModel+Corpus.swift")
        with open(path, "w") as f:
            f.write(swift_source(models))
        with open(os.path.join(args.corpus, "expected.json"), "w") as f:
            json.dump(expected, f, indent=1, sort_keys=True)
        write_readme(readme_section(tasks, results))


if __name__ == "__main__":
    sys.exit(main())
