#!/usr/bin/env python3
"""Oracle parity cross-check for lrlens' learning-rate suggestion rules.

For every run folder in the reference set (``runs/*/``) and every CSV/JSON export in it,
this script

1. parses the export with the ``csv``/``json`` modules only (no pandas),
2. applies the owning framework's trimming exactly as docs/RULES.md describes it,
3. computes each suggestion rule twice -- once in float64 and once in float32 -- and
4. compares both results with the framework's own suggestion recorded in ``oracle.json``
   (relative tolerance 1e-6), including whether the same point (index) was chosen.

The ``nat`` column says which of the two computations matches the framework's *native*
arithmetic:

* fastai, Lightning, ignite build float32 torch tensors from the recorded Python floats
  -> native = f32;
* pytorch-lr-finder runs numpy float64 on Python floats -> native = f64;
* keras_lr_finder works on the lists as recorded: float32 LRs (already float32-exact in the
  export) and Python-float losses -> native = f64;
* the MXNet run has no framework rule; its "reference_values_not_from_mxnet" (keras sma
  1/5/20, lr_at_min_loss) come from a numpy script -> native = f64.

Extra diagnostics per row: the index chosen (oracle/f64/f32, into the full export), the
decision margin (how far the decisive comparison was from flipping -- a float32/float64
disagreement needs a margin near float32 epsilon) and whether our trimmed curve equals
the "trimmed" arrays stored in oracle.json.

It also checks the derived test vectors of docs/RULES.md §1.5 (the N=100 logistic curve and the
valley edge cases) with a direct O(n^2) transcription of fastai's ``valley``.

Rules are transcribed from the pseudocode in docs/RULES.md (§1.5 fastai, §3 pytorch-lr-finder,
§4 Lightning >= 2.5.3, §5 keras_lr_finder, §8.2 ignite); no framework is imported.

Usage:  python3 scripts/crosscheck/oracle_parity.py [REFERENCE_DIR]
        (default: $LRLENS_REFERENCE or this repository's fixtures/, whose runs/ it reads)
Exit status: 0 if every oracle value is reproduced in the framework's native arithmetic,
the native index agrees everywhere, the trimmed curves equal the oracle's, and all
docs/RULES.md test vectors pass; 1 otherwise.
"""

import csv
import json
import math
import os
import sys
from pathlib import Path

import numpy as np

RTOL = 1e-6
F64, F32 = np.float64, np.float32


# ----------------------------------------------------------------------------------------
# 1. Parsing the exports (csv/json modules only)
# ----------------------------------------------------------------------------------------

LR_KEYS = ("lr", "lrs", "learning_rate")
LOSS_KEYS = ("loss", "losses")


def parse_cell(text):
    """One CSV cell -> float. Empty cells (pandas NaN) and 'NA' (Keras CSVLogger) are NaN;
    float() itself accepts 'nan', 'inf', 'Infinity'."""
    text = text.strip()
    if text == "" or text.upper() in ("NA", "#NA#"):
        return math.nan
    return float(text)


def read_csv(path):
    """pandas ',lr,loss' (leading unnamed index column), keras 'batch,lr,loss' (CRLF),
    Keras CSVLogger 'epoch,learning_rate,loss,...' and plain 'lr,loss'."""
    with open(path, newline="") as fh:          # newline="" lets csv handle CRLF itself
        rows = list(csv.reader(fh))
    header = [h.strip().lower() for h in rows[0]]
    lr_col = next(header.index(k) for k in LR_KEYS if k in header)
    loss_col = next(header.index(k) for k in LOSS_KEYS if k in header)
    body = [r for r in rows[1:] if r]            # tolerate a trailing blank line
    lrs = [parse_cell(r[lr_col]) for r in body]
    losses = [parse_cell(r[loss_col]) for r in body]
    return lrs, losses, "csv[%s,%s]" % (header[lr_col], header[loss_col])


def read_json(path):
    """{lrs,losses} (fastai), {lr,loss} (tlf/Lightning/ignite), {loss,learning_rate}
    (Keras History) or a list of [lr, loss] pairs (MXNet tutorial). Python's json module
    accepts the bare NaN/Infinity tokens that json.dump writes."""
    with open(path) as fh:
        obj = json.load(fh)
    if isinstance(obj, list):
        return [float(p[0]) for p in obj], [float(p[1]) for p in obj], "json[pairs]"
    for lk in LR_KEYS:
        for sk in LOSS_KEYS:
            if lk in obj and sk in obj:
                return ([float(v) for v in obj[lk]], [float(v) for v in obj[sk]],
                        "json{%s,%s}" % (lk, sk))
    raise ValueError("%s: no lr/loss keys in %s" % (path, sorted(obj)))


def exports(run_dir):
    """All CSV/JSON exports of a run (oracle.json is the answer key and expected.json
    its restatement as lrlens cases, not exports)."""
    for p in sorted(run_dir.iterdir()):
        if p.suffix == ".csv":
            yield p.name, read_csv(p)
        elif p.suffix == ".json" and p.name not in ("oracle.json", "expected.json"):
            yield p.name, read_json(p)


# ----------------------------------------------------------------------------------------
# 2. Rules. Each returns (suggested_lr, index_into_the_full_export) or raises like the
#    framework does. `ft` is the arithmetic dtype (F64 or F32).
# ----------------------------------------------------------------------------------------

def np_gradient_unit(x):
    """np.gradient(x) with unit spacing, edge_order=1, in x's dtype."""
    if len(x) < 2:
        raise ValueError("Shape of array too small to calculate a numerical gradient")
    g = np.empty_like(x)
    g[0] = x[1] - x[0]
    g[-1] = x[-1] - x[-2]
    g[1:-1] = (x[2:] - x[:-2]) / x.dtype.type(2)
    return g


def gradient_nonuniform(f, x):
    """torch.gradient(f, spacing=[x], edge_order=1): second-order non-uniform central
    differences inside, one-sided first-order differences at the two ends. Same evaluation
    order as ATen (and numpy), so float32 results are bit-comparable."""
    if len(f) < 2:
        raise RuntimeError("torch.gradient needs at least 2 points")
    dx = x[1:] - x[:-1]
    g = np.empty_like(f)
    g[0] = (f[1] - f[0]) / dx[0]
    g[-1] = (f[-1] - f[-2]) / dx[-1]
    dx1, dx2 = dx[:-1], dx[1:]
    a = -dx2 / (dx1 * (dx1 + dx2))
    b = (dx2 - dx1) / (dx1 * dx2)
    c = dx1 / (dx2 * (dx1 + dx2))
    g[1:-1] = a * f[:-2] + b * f[1:-1] + c * f[2:]
    return g


def first_argmin(a):
    """numpy/torch argmin: first minimum; a NaN, if present, wins (first NaN)."""
    a = np.asarray(a)
    if a.size == 0:
        raise ValueError("argmin of an empty sequence")
    return int(np.argmin(a))


def argmin_gap(a):
    """Decision margin of an argmin: relative distance between the best and the runner-up
    value. Rounding (float32: ~6e-8 relative) can only flip the choice when this is tiny."""
    s = np.sort(np.asarray(a, dtype=F64)[np.isfinite(a)])
    if s.size < 2:
        return math.inf
    return (s[1] - s[0]) / max(abs(s[0]), abs(s[1]), 1e-300)


def pairwise_gap(x):
    """Decision margin of valley: the closest pair of losses it compares with `<`."""
    x = np.asarray(x, dtype=F64)
    x = x[np.isfinite(x)]
    if x.size < 2:
        return math.inf
    s = np.sort(x)
    return float(np.min(np.diff(s) / np.maximum(np.maximum(abs(s[1:]), abs(s[:-1])), 1e-300)))


# --- fastai v2 (§1.4, §1.5) -------------------------------------------------------------

def fastai_trim(lrs, losses, num_it, ft):
    """lr_find: [num_it//10 : -5], tensor() (float32 natively), then cut at the first NaN.
    Returns the trimmed arrays and their positions in the full export."""
    start = num_it // 10
    lr = np.array(lrs[start:-5], dtype=ft)
    ls = np.array(losses[start:-5], dtype=ft)
    nan = np.flatnonzero(np.isnan(ls))
    if nan.size:
        lr, ls = lr[:nan[0]], ls[:nan[0]]
    return lr, ls, start + np.arange(len(ls))


def valley_index(losses):
    """Direct O(n^2) transcription of fastai's valley (longest strictly decreasing
    subsequence, max_end updated inside the inner loop). Returns the raw idx, which can
    be -1 (the caller indexes with Python semantics, so -1 means the last point)."""
    n = len(losses)
    lds = [1] * n
    max_start = max_end = 0
    for i in range(1, n):
        for j in range(0, i):
            if losses[i] < losses[j] and lds[i] < lds[j] + 1:
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]
    sections = (max_end - max_start) / 3
    return max_start + int(sections) + int(sections / 2)


def pyindex(n, i):
    """Python/torch indexing of a length-n sequence -> non-negative position, or IndexError."""
    if not -n <= i < n:
        raise IndexError("index %d is out of bounds for dimension 0 with size %d" % (i, n))
    return i % n


# The fastai rules take the trimmed float arrays and return (lr, trimmed index, margin).

def fastai_valley(lr, ls):
    k = pyindex(len(ls), valley_index(ls))
    return float(lr[k]), k, pairwise_gap(ls)


def fastai_slide(lr, ls, lr_diff=15, thresh=0.005, adjust_value=1.0):
    g = np_gradient_unit(ls)                    # to_np(losses): numpy in the tensor's dtype
    n = len(ls)
    r, l = -1, -1 - lr_diff
    cand = pyindex(n, l)                        # IndexError when n < lr_diff + 1
    th = ls.dtype.type(thresh)                  # NEP 50: the Python float compares as weak
    margin = math.inf                           # closest |dg| vs thresh decision taken
    while l >= -n:
        diff = abs(g[r] - g[l])
        margin = min(margin, abs(float(diff) - thresh) / thresh)
        if not diff > th:
            break
        cand = pyindex(n, l)
        r -= 1
        l -= 1
    return float(lr[cand]) * adjust_value, cand, margin


def fastai_minimum(lr, ls):
    k = first_argmin(ls)
    return float(lr[k]) / 10, k, argmin_gap(ls)   # lrs[i].item() / 10 in Python float64


def fastai_steep(lr, ls):
    grads = (ls[1:] - ls[:-1]) / (np.log(lr[1:]) - np.log(lr[:-1]))
    k = first_argmin(grads)
    return float(lr[k]), k, argmin_gap(grads)


def rules_fastai(lrs, losses, oracle, ft):
    lr, ls, pos = fastai_trim(lrs, losses, oracle["finder_params"]["num_it"], ft)
    out = {}
    for name, fn in (("valley", fastai_valley), ("slide", fastai_slide),
                     ("minimum", fastai_minimum), ("steep", fastai_steep)):
        res = attempt(lambda: fn(lr, ls))
        out[name] = res if res[0] == "ERR" else (res[0], int(pos[res[1]]), res[2])
    return out, (lr, ls)


# --- pytorch-lr-finder (§3) -------------------------------------------------------------

def rules_tlf(lrs, losses, oracle, ft, skip_start=10, skip_end=5):
    ls = np.array(losses[skip_start:-skip_end], dtype=ft)     # skip_end > 0 here

    def steepest():
        if len(lrs) < skip_start + skip_end + 2:
            raise RuntimeError("Need at least %d iterations to suggest a learning rate. Got %d"
                               % (skip_start + skip_end + 2, len(lrs)))
        g = np_gradient_unit(ls)
        k = first_argmin(g)
        return lrs[skip_start + k], skip_start + k, argmin_gap(g)   # Python-float lrs
    return {"steepest_gradient": attempt(steepest)}, (lrs[skip_start:-skip_end], ls)


# --- Lightning >= 2.5.3 suggestion() (§4) -------------------------------------------------

def rules_lightning(lrs, losses, oracle, ft, skip_begin=10, skip_end=1):
    pos = np.arange(len(losses))[skip_begin:-skip_end]        # skip_end=0 would be EMPTY
    ls = np.array(losses[skip_begin:-skip_end], dtype=ft)
    lr = np.array(lrs[skip_begin:-skip_end], dtype=ft)
    keep = np.isfinite(ls)                                    # drop, not truncate
    pos, ls, lr = pos[keep], ls[keep], lr[keep]

    def suggestion():
        if len(ls) < 2:
            raise RuntimeError("Failed to compute suggestion: not enough points")
        g = gradient_nonuniform(ls, lr)
        k = first_argmin(g)
        full = int(pos[k])
        return lrs[full], full, argmin_gap(g)                 # results["lr"] is float64
    return {"suggestion": attempt(suggestion)}, (lr, ls)


# --- ignite lr_suggestion() (§8.2) --------------------------------------------------------

def rules_ignite(lrs, losses, oracle, ft):
    m = first_argmin(np.array(losses, dtype=ft))    # torch.tensor(loss).argmin()
    dec = np.array(losses[:m + 1], dtype=ft)        # no skip_start / skip_end

    def suggestion():
        if len(dec) < 3:
            raise RuntimeError("FastaiLRFinder got unexpected curve shape")
        c = ft(0.5) * (dec[2:] - dec[:-2])           # 0.5*(l[i+1]-l[i-1]), i=1..k-2
        k = first_argmin(c) + 1
        return lrs[k], k, argmin_gap(c)
    return {"lr_suggestion": attempt(suggestion)}, (lrs[:m + 1], dec)


# --- keras_lr_finder get_best_lr(sma) (§5) ------------------------------------------------

def keras_best_lr(lrs, losses, sma, ft, skip_begin=10, skip_end=5):
    """Derivatives on the FULL curve (sma placeholder zeros first), then [10:-5]."""
    ls = np.array(losses, dtype=ft)
    deriv = [0.0] * sma + [float((ls[i] - ls[i - sma]) / ft(sma)) for i in range(sma, len(ls))]
    window = deriv[skip_begin:-skip_end]
    k = first_argmin(window)                          # empty window -> ValueError
    return lrs[skip_begin:-skip_end][k], skip_begin + k, argmin_gap(window)


def rules_keras(lrs, losses, oracle, ft):
    return {"sma_%d" % s: attempt(lambda s=s: keras_best_lr(lrs, losses, s, ft))
            for s in (1, 5, 20)}, None


# --- MXNet: no framework rule; reference values computed on the export --------------------

def rules_mxnet(lrs, losses, oracle, ft):
    out, _ = rules_keras(lrs, losses, oracle, ft)
    ls = np.array(losses, dtype=ft)

    def at_min():
        k = first_argmin(ls)
        return lrs[k], k, argmin_gap(ls)
    out["lr_at_min_loss"] = attempt(at_min)
    return out, None


# Each rules_* returns ({rule: (lr, index in the full export, margin) or ("ERR", msg)},
#                       the (lrs, losses) curve the rule saw, or None).
RULES = {"fastai": rules_fastai, "torch-lr-finder": rules_tlf, "lightning": rules_lightning,
         "ignite": rules_ignite, "keras": rules_keras, "mxnet": rules_mxnet}
NATIVE = {"fastai": "f32", "lightning": "f32", "ignite": "f32",
          "torch-lr-finder": "f64", "keras": "f64", "mxnet": "f64"}


def attempt(fn):
    """Run a rule; an exception becomes ('ERR', message) so it can match an oracle error."""
    try:
        return fn()
    except (IndexError, ValueError, RuntimeError) as e:
        return ("ERR", "%s: %s" % (type(e).__name__, e))


def check_trimmed(oracle, seen):
    """Does our trimming reproduce the oracle's 'trimmed' arrays (length and values)?"""
    if seen is None or "trimmed" not in oracle:
        return "-"
    want = oracle["trimmed"]
    lr, ls = (np.asarray(a, dtype=F64) for a in seen)
    wl, ws = (np.asarray([float(v) for v in want[k]], dtype=F64) for k in ("lrs", "losses"))
    if len(lr) != len(wl):
        return "len %d!=%d" % (len(lr), len(wl))
    same = np.allclose(lr, wl, rtol=RTOL, atol=0) and np.allclose(ls, ws, rtol=RTOL, atol=0)
    return "ok(%d)" % len(lr) if same else "VALUES"


# ----------------------------------------------------------------------------------------
# 3. Oracle expectations: rule -> (value or None, index into the full export or None)
# ----------------------------------------------------------------------------------------

def expectations(oracle, lrs):
    fw, sug = oracle["framework"], oracle.get("suggestions")
    exp = {}
    if fw == "fastai":
        # no index in the oracle: derive it from the marker x (= the chosen lrs[idx])
        for name, v in sug.items():
            pt = oracle["suggestion_points"].get(name)
            exp[name] = (v, lookup(lrs, pt[0]) if pt else None)
    elif fw == "torch-lr-finder":
        exp["steepest_gradient"] = (sug["steepest_gradient"], oracle["suggestion_index_in_full"])
    elif fw in ("lightning", "ignite"):
        (name, v), = sug.items()
        exp[name] = (v, oracle["suggestion_index_in_full"])
    elif fw == "keras":
        for name, d in sug.items():
            exp[name] = (d["lr"], d["index"])
    elif fw == "mxnet":
        ref = oracle["reference_values_not_from_mxnet"]
        for name, d in ref["keras_lr_finder_get_best_lr_skip_10_5"].items():
            exp[name] = (d["lr"], d["index"])
        exp["lr_at_min_loss"] = (ref["lr_at_min_loss"]["lr"], ref["lr_at_min_loss"]["index"])
    return exp


def lookup(lrs, lr):
    """Index of the recorded LR equal to `lr` within RTOL (LR grids are strictly monotone)."""
    hits = [i for i, x in enumerate(lrs) if close(x, lr)]
    return hits[0] if len(hits) == 1 else None


def close(a, b):
    return abs(a - b) <= RTOL * abs(b)


def verdict(expected, got):
    """'ok' / 'MISS' for the value; both-failed (oracle null, rule raised) counts as ok."""
    if expected is None:
        return "ok" if got[0] == "ERR" else "MISS"
    return "ok" if got[0] != "ERR" and close(got[0], expected) else "MISS"


# ----------------------------------------------------------------------------------------
# 4. docs/RULES.md §1.5 derived test vectors
# ----------------------------------------------------------------------------------------

def check_test_vectors():
    failures = []
    print("\ndocs/RULES.md §1.5 derived test vectors (indices into the 85-point trimmed curve)")
    i = np.arange(100)
    lr = 1e-7 * (1e8) ** (i / 100)
    x = np.log10(lr)
    loss = 2.3 - 1.5 / (1 + np.exp(-2.5 * (x + 3))) + np.where(x > -1, 3 * (x + 1) ** 2, 0.0)
    want = {"valley": (32, 2.2908677e-4), "steep": (39, 8.3176377e-4),
            "minimum": (65, 1.0e-2), "slide": (None, 1.5848932e-6)}
    for ft in (F64, F32):
        tl, ts, _ = fastai_trim(list(lr), list(loss), 100, ft)
        assert len(ts) == 85
        got = {"valley": fastai_valley(tl, ts), "steep": fastai_steep(tl, ts),
               "minimum": fastai_minimum(tl, ts), "slide": fastai_slide(tl, ts)}
        for name, (widx, wval) in want.items():
            v, k, _ = got[name]
            # docs/RULES.md quotes 8 significant digits -> compare at 1e-7 relative
            ok = abs(v - wval) <= 1e-7 * wval and (widx is None or k == widx)
            print("  f%s %-8s idx %2d  lr %.8g  (want idx %s, lr %.8g)  %s"
                  % (np.dtype(ft).name[-2:], name, k, v, "-" if widx is None else widx,
                     wval, "ok" if ok else "FAIL"))
            if not ok:
                failures.append("test vector %s/%s" % (name, np.dtype(ft).name))
    # valley edge cases listed in §1.5: expected raw idx (None = IndexError on lrs[idx]).
    cases = [([], None), ([7.0], 0), ([1.0, 2.0, 3.0], 0), ([2.0, 2.0, 2.0], 0),
             ([5.0, 4.0], -1), ([5.0, 4.0, 3.0], 0), ([5, 4, 6, 3, 2, 7, 8], 1),
             ([1, 2, 3, 2, 1, 0, -1, -2, 5], 4)]
    for curve, want_idx in cases:
        idx = valley_index(curve)
        try:
            desc = "idx %d -> point %d" % (idx, pyindex(len(curve), idx))
            ok = idx == want_idx
        except IndexError:
            desc = "IndexError (lrs[%d] of %d points)" % (idx, len(curve))
            ok = want_idx is None
        print("  valley %-30s %-34s %s" % (curve, desc, "ok" if ok else "FAIL"))
        if not ok:
            failures.append("valley edge case %s" % curve)
    return failures


# ----------------------------------------------------------------------------------------
# 5. Main: table over runs x exports x rules
# ----------------------------------------------------------------------------------------

def fmt_value(v):
    return "ERR" if v[0] == "ERR" else "%.9g" % v[0]


def short_run(name):
    return (name.replace("keras-epochwise_lrscheduler_mlp_breast_cancer_adam", "keras-epochwise")
                .replace("mxnet-mlp_digits_sgd_tutorial_defaults", "mxnet-tutorial")
                .replace("fastai_extreme_end_lr_short_curve", "fastai_extreme_short"))


def main():
    ref = Path(sys.argv[1] if len(sys.argv) > 1 else
               os.environ.get("LRLENS_REFERENCE",
                              Path(__file__).resolve().parents[2] / "fixtures"))
    rows, notes = [], []
    for run_dir in sorted((ref / "runs").iterdir()):
        oracle = json.loads((run_dir / "oracle.json").read_text())
        fw = oracle["framework"]
        for fname, (lrs, losses, _fmt) in exports(run_dir):
            exp = expectations(oracle, lrs)
            r64, seen64 = RULES[fw](lrs, losses, oracle, F64)
            r32, _ = RULES[fw](lrs, losses, oracle, F32)
            trim = check_trimmed(oracle, seen64)
            for rule, (ev, eidx) in exp.items():
                g64, g32 = r64[rule], r32[rule]
                ok64, ok32 = g64[0] != "ERR", g32[0] != "ERR"
                rows.append(dict(run=run_dir.name, file=fname, rule=rule, nat=NATIVE[fw],
                                 oracle=ev, eidx=eidx, trim=trim,
                                 v64=fmt_value(g64), v32=fmt_value(g32),
                                 raw64=g64[0] if ok64 else None, raw32=g32[0] if ok32 else None,
                                 m64=verdict(ev, g64), m32=verdict(ev, g32),
                                 i64=g64[1] if ok64 else None, i32=g32[1] if ok32 else None,
                                 gap=min(g64[2], g32[2]) if ok64 and ok32 else None))
                for tag, g in (("f64", g64), ("f32", g32)):
                    if g[0] == "ERR":
                        notes.append("%s/%s %s [%s]: %s | oracle: %s" % (
                            run_dir.name, fname, rule, tag, g[1],
                            oracle.get("suggestion_errors", {}).get(rule, ev)))

    hdr = ("run", "file", "rule", "oracle", "float64", "float32", "nat", "m64", "m32",
           "idx o/64/32", "margin", "trim")
    w = (30, 14, 17, 14, 14, 14, 3, 4, 4, 11, 7, 7)
    line = " ".join("%-*s" % (wi, h) for wi, h in zip(w, hdr))
    print(line)
    print("-" * len(line))
    for r in rows:
        idx = "%s/%s/%s" % tuple("-" if v is None else v for v in (r["eidx"], r["i64"], r["i32"]))
        cells = (short_run(r["run"]), r["file"], r["rule"],
                 "null" if r["oracle"] is None else "%.9g" % r["oracle"],
                 r["v64"], r["v32"], r["nat"], r["m64"], r["m32"], idx,
                 "-" if r["gap"] is None else "%.0e" % r["gap"], r["trim"])
        print(" ".join("%-*s" % (wi, c) for wi, c in zip(w, cells)))
    print("nat = the framework's own arithmetic; idx = index into the full export (oracle/"
          "f64/f32; fastai oracle idx derived from its marker LR);\nmargin = relative gap of "
          "the decisive comparison (runner-up of the argmin; closest loss pair for valley;\n"
          "closest |dg|-thresh for slide; 0 = exact ties, dtype-independent on float32-exact\n"
          "losses); trim = our trimmed curve vs oracle.json 'trimmed'.")

    def idx_ok(r, tag):
        return r["eidx"] is None or r["i" + tag] == r["eidx"]
    n = len(rows)
    count = lambda pred: sum(1 for r in rows if pred(r))
    print("\nvalue agreement (rtol %g): float64 %d/%d, float32 %d/%d"
          % (RTOL, count(lambda r: r["m64"] == "ok"), n, count(lambda r: r["m32"] == "ok"), n))
    print("index agreement:           float64 %d/%d, float32 %d/%d"
          % (count(lambda r: idx_ok(r, "64")), n, count(lambda r: idx_ok(r, "32")), n))
    for tag in ("64", "32"):
        devs = [abs(r["raw" + tag] - r["oracle"]) / abs(r["oracle"])
                for r in rows if r["oracle"] is not None and r["raw" + tag] is not None]
        print("max relative deviation from oracle, float%s: %.1e" % (tag, max(devs)))
    nat_bad = [r for r in rows if r["m" + r["nat"][1:]] != "ok" or not idx_ok(r, r["nat"][1:])]
    trim_bad = [r for r in rows if r["trim"] not in ("-",) and not r["trim"].startswith("ok")]
    print("framework-native arithmetic: %d/%d rows reproduce value and index; "
          "trimmed curves: %d mismatches" % (n - len(nat_bad), n, len(trim_bad)))
    for r in rows:
        for tag in ("64", "32"):
            if r["m" + tag] != "ok" or not idx_ok(r, tag):
                print("  DIFF f%s: %s/%s %s oracle %s idx %s -> %s idx %s (margin %s)"
                      % (tag, r["run"], r["file"], r["rule"], r["oracle"], r["eidx"],
                         r["v" + tag], r["i" + tag], r["gap"]))
    if notes:
        print("\nrules that raised (must coincide with an oracle null):")
        for s in sorted(set(notes)):
            print("  " + s)

    failures = check_test_vectors()
    ok = not nat_bad and not trim_bad and not failures
    print("\nRESULT: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
