"""Generates the real-framework quality corpus: per task, a range test exported by the real
finder and a truth.json from a grid sweep of the same model, optimizer and data.

Resumable: a task whose truth.json exists is skipped, and a task is written into a temporary
folder that is renamed into place only when complete.

    python generate.py OUT_DIR [--jobs 2] [--only SUBSTRING] [--limit N]
"""

import argparse
import json
import math
import multiprocessing
import os
import platform
import shutil
import sys
import time

os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ.setdefault("PYTHONHASHSEED", "0")

import numpy as np  # noqa: E402

import problems  # noqa: E402
import tasks as catalogue  # noqa: E402

GOOD_RANGE_SHARE = 0.05  # within max(5 % of the best loss, 0.02) of it
GOOD_RANGE_FLOOR = 0.02
NEAR_BEST_SHARE = 0.98  # keeps 98 % of the best rate's improvement over the untrained model


def summarise(rates, per_seed, untrained):
    """Best rate, good range and near-best centre of one schedule's sweep."""
    losses = []
    for row in per_seed:
        finite = [v for v in row if math.isfinite(v)]
        diverged = len(finite) < len(row) or any(v > problems.DIVERGED_FACTOR * untrained
                                                 for v in finite)
        losses.append(math.inf if diverged else float(np.mean(finite)))
    best_index = int(np.argmin(losses))
    best = losses[best_index]
    tolerance = max(GOOD_RANGE_SHARE * abs(best), GOOD_RANGE_FLOOR)

    def run_around(keep):
        low = high = best_index
        while low > 0 and keep(losses[low - 1]):
            low -= 1
        while high < len(rates) - 1 and keep(losses[high + 1]):
            high += 1
        return low, high

    low, high = run_around(lambda v: v <= best + tolerance)
    improvement = untrained - best
    near_low, near_high = run_around(
        lambda v: math.isfinite(v) and untrained - v >= NEAR_BEST_SHARE * improvement)
    return {
        "mean_val_loss": [None if not math.isfinite(v) else round(v, 6) for v in losses],
        "val_loss_per_seed": [[None if not math.isfinite(v) else round(v, 6) for v in row]
                              for row in per_seed],
        "best_rate": rates[best_index],
        "best_val_loss": round(best, 6),
        "good_range": [rates[low], rates[high]],
        "near_best_centre": math.sqrt(rates[near_low] * rates[near_high]),
    }


def versions():
    import sklearn
    import torch

    found = {"python": platform.python_version(), "torch": torch.__version__,
             "scikit-learn": sklearn.__version__, "numpy": np.__version__}
    for name in ("fastai", "torch_lr_finder", "lightning", "keras"):
        try:
            module = __import__(name)
            found[name] = getattr(module, "__version__", "unknown")
        except ImportError:
            pass
    return found


def generate(task, out_dir):
    import torch

    torch.set_num_threads(1)
    import finders

    final = os.path.join(out_dir, task.id)
    if os.path.exists(os.path.join(final, "truth.json")):
        return task.id, 0.0, "kept"
    started = time.time()
    partial = final + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    data = problems.load_data(task)
    export, suggestions = finders.run(task, data, partial)
    if task.finder == "keras":
        train_once, untrained = finders.keras_train_once, finders.keras_untrained_loss(task, data)
    else:
        train_once, untrained = problems.train_once, problems.untrained_loss(task, data)
    truth = {
        "task": task.as_json(),
        "export": export,
        "finder_suggestions": suggestions,
        "untrained_val_loss": round(untrained, 6),
        "rates": problems.SWEEP_RATES,
        "steps": problems.SWEEP_STEPS,
        "seeds": problems.SWEEP_SEEDS,
    }
    for schedule in ("constant", "one-cycle"):
        per_rate = [[train_once(task, data, lr, seed, schedule) for seed in problems.SWEEP_SEEDS]
                    for lr in problems.SWEEP_RATES]
        truth[schedule.replace("-", "_")] = summarise(problems.SWEEP_RATES, per_rate, untrained)
    truth["seconds"] = round(time.time() - started, 1)
    with open(os.path.join(partial, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    shutil.rmtree(final, ignore_errors=True)
    os.rename(partial, final)
    return task.id, truth["seconds"], "made"


def _worker(arguments):
    task, out_dir = arguments
    try:
        return generate(task, out_dir)
    except Exception as error:  # one broken task must not stop the corpus
        return task.id, 0.0, f"failed: {type(error).__name__}: {error}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out_dir")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", default="")
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    todo = [t for t in catalogue.catalogue() if args.only in t.id]
    if args.limit:
        todo = todo[:args.limit]
    # Slowest finders first, so the two workers finish together.
    todo.sort(key=lambda t: (t.finder != "keras", t.model not in ("cnn", "gru", "lstm",
                                                                  "attention")))
    with open(os.path.join(args.out_dir, "versions.json"), "w") as f:
        json.dump(versions(), f, indent=1)
    started = time.time()
    with multiprocessing.get_context("spawn").Pool(args.jobs, maxtasksperchild=8) as pool:
        for done, (task_id, seconds, status) in enumerate(
                pool.imap_unordered(_worker, [(t, args.out_dir) for t in todo]), 1):
            print(f"[{done}/{len(todo)} {time.time() - started:7.0f}s] {task_id}: {status}"
                  f" {seconds:.0f}s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
