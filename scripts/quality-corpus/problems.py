"""Data sets, models, optimizers and the fixed-budget training that judges a learning rate.

Everything here is plain PyTorch (and scikit-learn for the data, nothing downloaded), so the
sweep trains exactly the model and optimizer that the finder range-tested.
"""

import math

import numpy as np
import torch
from sklearn import datasets
from torch import nn

SWEEP_STEPS = 300
SWEEP_RATES = [10 ** (-5 + 0.25 * i) for i in range(25)]  # 1e-5 .. 10, 4 per decade
SWEEP_SEEDS = [0, 1, 2]
DIVERGED_FACTOR = 10.0  # a final loss above this many times the untrained loss is divergence


# MARK: - Data


def _sequence_data(rng, count=1500, length=12, vocabulary=6):
    """Token sequences; the label is the most frequent of the first four tokens."""
    tokens = rng.integers(0, vocabulary, size=(count, length))
    counts = np.stack([(tokens == k).sum(axis=1) for k in range(4)], axis=1)
    labels = counts.argmax(axis=1)
    return tokens, labels


def load_data(task):
    """(x_train, y_train, x_val, y_val, n_outputs) as tensors, standardised, split 75/25."""
    rng = np.random.default_rng(12345)
    family = task.family
    if family == "digits":
        x, y = datasets.load_digits(return_X_y=True)
    elif family == "breast_cancer":
        x, y = datasets.load_breast_cancer(return_X_y=True)
    elif family == "wine":
        x, y = datasets.load_wine(return_X_y=True)
    elif family == "iris":
        x, y = datasets.load_iris(return_X_y=True)
    elif family == "moons":
        x, y = datasets.make_moons(n_samples=1200, noise=0.25, random_state=1)
    elif family == "circles":
        x, y = datasets.make_circles(n_samples=1200, noise=0.1, factor=0.5, random_state=2)
    elif family == "blobs":
        x, y = datasets.make_blobs(n_samples=1200, centers=5, n_features=8, cluster_std=2.5,
                                   random_state=3)
    elif family == "classification":
        x, y = datasets.make_classification(n_samples=1600, n_features=20, n_informative=8,
                                            n_classes=3, random_state=4)
    elif family == "diabetes":
        x, y = datasets.load_diabetes(return_X_y=True)
    elif family == "regression":
        x, y = datasets.make_regression(n_samples=1200, n_features=16, n_informative=10,
                                        noise=20.0, random_state=5)
    elif family == "friedman":
        x, y = datasets.make_friedman1(n_samples=1200, noise=1.0, random_state=6)
    elif family == "sequence":
        x, y = _sequence_data(rng)
    else:
        raise ValueError(family)
    order = rng.permutation(len(x))
    x, y = x[order], y[order]
    cut = int(0.75 * len(x))
    x_train, x_val, y_train, y_val = x[:cut], x[cut:], y[:cut], y[cut:]
    if family != "sequence":
        mean, std = x_train.mean(axis=0), x_train.std(axis=0) + 1e-8
        x_train, x_val = (x_train - mean) / std, (x_val - mean) / std
    if task.kind == "regression":
        mean, std = y_train.mean(), y_train.std()
        y_train, y_val = (y_train - mean) / std, (y_val - mean) / std
        n_outputs = 1
    else:
        n_outputs = int(y.max()) + 1
        if task.label_noise > 0:
            noise_rng = np.random.default_rng(777)
            flip = noise_rng.random(len(y_train)) < task.label_noise
            y_train = y_train.copy()
            y_train[flip] = noise_rng.integers(0, n_outputs, size=flip.sum())
    if family == "sequence" and task.model in ("gru", "lstm", "attention"):
        as_x = lambda a: torch.tensor(a, dtype=torch.long)
    elif family == "sequence":
        as_x = lambda a: torch.tensor(np.eye(6)[a].reshape(len(a), -1), dtype=torch.float32)
    elif task.model == "cnn":
        as_x = lambda a: torch.tensor(a, dtype=torch.float32).reshape(-1, 1, 8, 8)
    else:
        as_x = lambda a: torch.tensor(a, dtype=torch.float32)
    if task.kind == "regression":
        as_y = lambda a: torch.tensor(a, dtype=torch.float32).reshape(-1, 1)
    else:
        as_y = lambda a: torch.tensor(a, dtype=torch.long)
    return as_x(x_train), as_y(y_train), as_x(x_val), as_y(y_val), n_outputs


def loss_function(task):
    return nn.MSELoss() if task.kind == "regression" else nn.CrossEntropyLoss()


# MARK: - Models


def _activation(name):
    return {"relu": nn.ReLU, "tanh": nn.Tanh, "gelu": nn.GELU}[name]()


def _norm(name, width, dims=1):
    if name == "batch":
        return nn.BatchNorm1d(width) if dims == 1 else nn.BatchNorm2d(width)
    if name == "layer":
        return nn.LayerNorm(width) if dims == 1 else nn.GroupNorm(1, width)
    return nn.Identity()


class SequenceModel(nn.Module):
    """Embedding, then a GRU, an LSTM or one self-attention block, then a linear head."""

    def __init__(self, kind, width, n_outputs, vocabulary=6, length=12):
        super().__init__()
        self.kind = kind
        self.embedding = nn.Embedding(vocabulary, width)
        if kind == "gru":
            self.body = nn.GRU(width, width, batch_first=True)
        elif kind == "lstm":
            self.body = nn.LSTM(width, width, batch_first=True)
        else:
            self.position = nn.Parameter(torch.randn(length, width) * 0.1)
            self.body = nn.TransformerEncoderLayer(width, nhead=4, dim_feedforward=2 * width,
                                                   dropout=0.0, batch_first=True)
        self.head = nn.Linear(width, n_outputs)

    def forward(self, tokens):
        h = self.embedding(tokens)
        if self.kind == "attention":
            h = self.body(h + self.position)
            return self.head(h.mean(dim=1))
        out, _ = self.body(h)
        return self.head(out[:, -1])


def make_model(task, n_inputs, n_outputs, seed):
    torch.manual_seed(seed)
    if task.model == "linear":
        return nn.Linear(n_inputs, n_outputs)
    if task.model == "mlp":
        layers, width, previous = [], task.width, n_inputs
        for _ in range(task.depth):
            layers += [nn.Linear(previous, width), _norm(task.norm, width),
                       _activation(task.activation)]
            previous = width
        layers.append(nn.Linear(previous, n_outputs))
        return nn.Sequential(*layers)
    if task.model == "cnn":
        c = max(8, task.width // 4)
        return nn.Sequential(
            nn.Conv2d(1, c, 3, padding=1), _norm(task.norm, c, 2), _activation(task.activation),
            nn.Conv2d(c, 2 * c, 3, padding=1), _norm(task.norm, 2 * c, 2),
            _activation(task.activation), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(2 * c * 16, n_outputs))
    return SequenceModel(task.model, task.width, n_outputs)


def n_inputs_of(x):
    return x.shape[1] if x.dim() == 2 and x.dtype != torch.long else 0


# MARK: - Optimizers


def optimizer_arguments(task):
    """The torch.optim class and keyword arguments (other than lr) of the task's optimizer."""
    wd = task.weight_decay
    if task.optimizer == "sgd":
        return torch.optim.SGD, dict(momentum=0.0, weight_decay=wd)
    if task.optimizer == "momentum":
        return torch.optim.SGD, dict(momentum=0.9, weight_decay=wd)
    if task.optimizer == "nesterov":
        return torch.optim.SGD, dict(momentum=0.9, nesterov=True, weight_decay=wd)
    if task.optimizer == "adam":
        return torch.optim.Adam, dict(weight_decay=wd)
    if task.optimizer == "adamw":
        return torch.optim.AdamW, dict(weight_decay=wd if wd else 1e-2)
    if task.optimizer == "rmsprop":
        return torch.optim.RMSprop, dict(weight_decay=wd)
    raise ValueError(task.optimizer)


def make_optimizer(task, parameters, lr):
    cls, kwargs = optimizer_arguments(task)
    return cls(parameters, lr=lr, **kwargs)


# MARK: - The fixed-budget training that judges a rate


def evaluate(model, loss_fn, x, y):
    model.eval()
    with torch.no_grad():
        value = float(loss_fn(model(x), y))
    model.train()
    return value


def train_once(task, data, lr, seed, schedule):
    """Final validation loss after SWEEP_STEPS steps at `lr` (constant or one-cycle peak)."""
    x_train, y_train, x_val, y_val, n_outputs = data
    model = make_model(task, n_inputs_of(x_train), n_outputs, seed)
    loss_fn = loss_function(task)
    optimizer = make_optimizer(task, model.parameters(), lr)
    scheduler = None
    if schedule == "one-cycle":
        cls, kwargs = optimizer_arguments(task)
        cycles_momentum = kwargs.get("momentum", 0.9 if cls in (torch.optim.Adam, torch.optim.AdamW) else 0.0) > 0
        # fastai's fit_one_cycle: 25 % warm-up from lr/25, cosine annealing to lr/1e5,
        # momentum cycled 0.95 -> 0.85 -> 0.95.
        scheduler = torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=lr, total_steps=SWEEP_STEPS, pct_start=0.25,
            anneal_strategy="cos", div_factor=25.0, final_div_factor=1e5 / 25.0,
            cycle_momentum=cycles_momentum, base_momentum=0.85, max_momentum=0.95)
    generator = torch.Generator().manual_seed(seed + 1000)
    n = len(x_train)
    batch = task.batch_size
    order = torch.randperm(n, generator=generator)
    position = 0
    model.train()
    for _ in range(SWEEP_STEPS):
        if position + batch > n:
            order = torch.randperm(n, generator=generator)
            position = 0
        index = order[position:position + batch]
        position += batch
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x_train[index]), y_train[index])
        if not torch.isfinite(loss):
            return math.inf
        loss.backward()
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
    value = evaluate(model, loss_fn, x_val, y_val)
    return value if math.isfinite(value) else math.inf


def untrained_loss(task, data):
    x_train, _, x_val, y_val, n_outputs = data
    values = []
    for seed in SWEEP_SEEDS:
        model = make_model(task, n_inputs_of(x_train), n_outputs, seed)
        values.append(evaluate(model, loss_function(task), x_val, y_val))
    return float(np.mean(values))
