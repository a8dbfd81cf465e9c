"""The task catalogue of the real-framework quality corpus.

A task is one model on one data set with one optimizer, batch size, weight decay and label
noise, range-tested by one finder. The catalogue is drawn from a seeded random generator so
that it is the same on every machine; `catalogue()` returns it in a fixed order.

Dataset families are the unit of cross-validation: every task of a family lands in the same
fold, so no task is judged by constants fitted on its siblings.
"""

import random
from dataclasses import asdict, dataclass, field

# Families: name -> (kind, models that fit it).
FAMILIES = {
    "digits": ("classification", ["linear", "mlp", "cnn"]),
    "breast_cancer": ("classification", ["linear", "mlp"]),
    "wine": ("classification", ["linear", "mlp"]),
    "iris": ("classification", ["linear", "mlp"]),
    "moons": ("classification", ["mlp"]),
    "circles": ("classification", ["mlp"]),
    "blobs": ("classification", ["linear", "mlp"]),
    "classification": ("classification", ["linear", "mlp"]),
    "diabetes": ("regression", ["linear", "mlp"]),
    "regression": ("regression", ["linear", "mlp"]),
    "friedman": ("regression", ["mlp"]),
    "sequence": ("classification", ["gru", "lstm", "attention", "mlp"]),
}

OPTIMIZERS = ["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop"]
BATCH_SIZES = [8, 16, 32, 64, 128, 256]
WIDTHS = [16, 32, 64, 128, 256]
ACTIVATIONS = ["relu", "tanh", "gelu"]
NORMS = ["none", "batch", "layer"]

# How many tasks each finder range-tests.
FINDER_COUNTS = {
    "fastai": 48,
    "tlf-exp": 36,
    "tlf-linear": 24,
    "lightning": 36,
    "keras": 10,
}


@dataclass
class Task:
    """One range test and the sweep that judges it."""

    id: str
    finder: str
    family: str
    kind: str
    model: str
    depth: int
    width: int
    activation: str
    norm: str
    optimizer: str
    batch_size: int
    weight_decay: float
    label_noise: float
    seed: int
    linear_end_lr: float = 0.0
    extra: dict = field(default_factory=dict)

    def as_json(self):
        return asdict(self)


# Relative weights of the models a family allows.
MODEL_WEIGHTS = {"linear": 1, "mlp": 3, "cnn": 3, "gru": 2, "lstm": 2, "attention": 2}


def _draw(rng, finder, index, family):
    kind, models = FAMILIES[family]
    if finder == "keras":
        if family == "sequence":
            family, (kind, models) = "blobs", FAMILIES["blobs"]
        models = [m for m in models if m in ("linear", "mlp")]
    model = rng.choices(models, weights=[MODEL_WEIGHTS[m] for m in models])[0]
    depth = rng.choice([1, 2, 3, 4]) if model == "mlp" else 1
    width = rng.choice(WIDTHS) if model != "linear" else 0
    if model in ("gru", "lstm", "attention"):
        width = rng.choice([16, 32, 64])
    activation = rng.choice(ACTIVATIONS) if model in ("mlp", "cnn") else "none"
    norm = rng.choice(NORMS) if model in ("mlp", "cnn") and depth > 0 else "none"
    if finder == "keras" and norm == "batch":
        norm = "layer"
    optimizer = rng.choice(OPTIMIZERS)
    batch_size = rng.choice(BATCH_SIZES)
    if model in ("cnn", "gru", "lstm", "attention"):
        batch_size = max(batch_size, 16)
    weight_decay = rng.choice([0.0, 0.0, 1e-4, 1e-2])
    label_noise = 0.0
    if kind == "classification" and rng.random() < 0.35:
        label_noise = rng.choice([0.1, 0.3])
    linear_end_lr = rng.choice([0.1, 1.0, 3.0]) if finder == "tlf-linear" else 0.0
    if linear_end_lr and optimizer in ("adam", "adamw", "rmsprop"):
        linear_end_lr = rng.choice([0.01, 0.1])
    task_id = f"{finder}-{index:03d}-{family}-{model}-{optimizer}"
    return Task(
        id=task_id, finder=finder, family=family, kind=kind, model=model, depth=depth,
        width=width, activation=activation, norm=norm, optimizer=optimizer,
        batch_size=batch_size, weight_decay=weight_decay, label_noise=label_noise,
        seed=rng.randrange(1 << 30), linear_end_lr=linear_end_lr)


def catalogue():
    """Every task, in a fixed order."""
    rng = random.Random(20261203)
    families = list(FAMILIES)
    tasks = []
    for finder, count in FINDER_COUNTS.items():
        rng.shuffle(families)
        for index in range(count):
            tasks.append(_draw(rng, finder, index, families[index % len(families)]))
    return tasks


if __name__ == "__main__":
    import collections

    tasks = catalogue()
    print(len(tasks), "tasks")
    for axis in ("finder", "family", "model", "optimizer", "batch_size", "norm", "label_noise"):
        print(axis, dict(collections.Counter(getattr(t, axis) for t in tasks)))
