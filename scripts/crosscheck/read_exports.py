#!/usr/bin/env python3
"""Reads the reference trainer's HDF5 exports with h5py and pandas, and prints their values.

    python3 -m venv /tmp/h5 && /tmp/h5/bin/pip install h5py pandas tables
    /tmp/h5/bin/python scripts/crosscheck/read_exports.py [--same-as REF.h5] FILE.h5 ...

For each file it lists every object h5py sees (with dtype, shape and attributes), then reads
the file the way users do: `pd.read_hdf(path, 'lr_find')` for a pandas frame (an `lr_find`
group with `pandas_type`), `h5py.File(path)['lr'][:]` and `['loss'][:]` (or `lrs`/`losses`)
for h5py datasets. It prints the number of points, the first and last values (as `repr`) and
how many losses are NaN, so they can be compared with what lrlens read from the same file.
With `--same-as REF.h5` every file's learning rates and losses must also equal REF's bit for
bit (for example a reference run's `lr_find_pandas.h5` against the trainer's export of the
same run). Exit status: 0 if every file was read by the reader it is meant for (and matched
REF), 1 otherwise.
"""

import math
import struct
import sys

import h5py
import pandas as pd


def describe(path):
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            kind = "dataset" if isinstance(obj, h5py.Dataset) else "group"
            shape = f" {obj.dtype} {obj.shape}" if kind == "dataset" else ""
            attrs = ", ".join(f"{k}={obj.attrs[k]!r}" for k in sorted(obj.attrs))
            print(f"  /{name}: {kind}{shape}" + (f" [{attrs}]" if attrs else ""))

        f.visititems(visit)


def summarize(label, lrs, losses):
    nan = sum(1 for x in losses if isinstance(x, float) and math.isnan(x))
    print(f"  {label}: {len(lrs)} points, lr {lrs[0]!r} .. {lrs[-1]!r}, "
          f"loss {losses[0]!r} .. {losses[-1]!r}, {nan} NaN losses")


def read(path):
    with h5py.File(path, "r") as f:
        is_frame = "lr_find" in f and "pandas_type" in f["lr_find"].attrs
        names = next(((a, b) for a, b in (("lr", "loss"), ("lrs", "losses")) if a in f and b in f), None)
        if not is_frame:
            if names is None:
                raise ValueError("neither a pandas frame 'lr_find' nor lr/loss datasets")
            lrs = [float(x) for x in f[names[0]][:]]
            losses = [float(x) for x in f[names[1]][:]]
            summarize(f"h5py {names[0]}/{names[1]}", lrs, losses)
            return lrs, losses
    frame = pd.read_hdf(path, "lr_find")
    print(f"  pandas: columns {list(frame.columns)}, index {frame.index[0]}..{frame.index[-1]}, "
          f"dtypes {sorted(set(str(t) for t in frame.dtypes))}")
    lrs, losses = [float(x) for x in frame["lr"]], [float(x) for x in frame["loss"]]
    summarize("pandas lr/loss", lrs, losses)
    return lrs, losses


def bits(values):
    return [struct.pack("<d", x) if not math.isnan(x) else b"nan" for x in values]


def main(arguments):
    reference = None
    if arguments[:1] == ["--same-as"] and len(arguments) > 2:
        reference, arguments = arguments[1], arguments[2:]
    failures = 0
    print(f"h5py {h5py.__version__} (HDF5 {h5py.version.hdf5_version}), pandas {pd.__version__}")
    expected = None
    if reference is not None:
        print(f"reference {reference}")
        lrs, losses = read(reference)
        expected = (bits(lrs), bits(losses))
    for path in arguments:
        print(path)
        try:
            describe(path)
            lrs, losses = read(path)
            if expected is not None:
                same = (bits(lrs), bits(losses)) == expected
                print(f"  same values as the reference, bit for bit: {same}")
                failures += 0 if same else 1
        except Exception as error:  # report every file, then fail
            failures += 1
            print(f"  FAILED: {type(error).__name__}: {error}")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
