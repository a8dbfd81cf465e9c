"""Range tests run by the real finders, each exported in the finder's own format.

Every function trains the task's model from seed 0 (the first sweep seed's initial weights)
and writes its export into `folder`; it returns (file name, the finder's own suggestions).
"""

import json
import math
import os
from functools import partial

import numpy as np
import torch

import problems


def _loader(task, x, y, seed=0):
    dataset = torch.utils.data.TensorDataset(x, y)
    return torch.utils.data.DataLoader(
        dataset, batch_size=task.batch_size, shuffle=True, drop_last=len(x) > task.batch_size,
        generator=torch.Generator().manual_seed(seed))


def fastai_range_test(task, data, folder):
    """fastai's Learner.lr_find with its defaults (1e-7 to 10, 100 iterations, stop at 4x)."""
    import pandas as pd
    from fastai.callback.schedule import minimum, slide, steep, valley
    from fastai.data.core import DataLoaders
    from fastai.learner import Learner
    from fastai.optimizer import OptimWrapper

    x_train, y_train, x_val, y_val, n_outputs = data
    model = problems.make_model(task, problems.n_inputs_of(x_train), n_outputs, 0)
    cls, kwargs = problems.optimizer_arguments(task)
    dls = DataLoaders(_loader(task, x_train, y_train), _loader(task, x_val, y_val), device="cpu")
    learn = Learner(dls, model, loss_func=problems.loss_function(task),
                    opt_func=partial(OptimWrapper, opt=partial(cls, **kwargs)), wd_bn_bias=True)
    with learn.no_bar():
        found = learn.lr_find(show_plot=False, suggest_funcs=(minimum, steep, valley, slide))
    frame = pd.DataFrame({"lr": [float(v) for v in learn.recorder.lrs],
                          "loss": [float(v) for v in learn.recorder.losses]})
    frame.to_csv(os.path.join(folder, "recorder.csv"))
    names = ("minimum", "steep", "valley", "slide")
    return "recorder.csv", {n: float(v) for n, v in zip(names, found)}


def tlf_range_test(task, data, folder, step_mode):
    """torch-lr-finder's LRFinder.range_test (100 iterations, smooth_f 0.05, diverge_th 5)."""
    from torch_lr_finder import LRFinder

    x_train, y_train, _, _, n_outputs = data
    model = problems.make_model(task, problems.n_inputs_of(x_train), n_outputs, 0)
    optimizer = problems.make_optimizer(task, model.parameters(), 1e-7)
    finder = LRFinder(model, optimizer, problems.loss_function(task), device="cpu")
    end_lr = 10.0 if step_mode == "exp" else task.linear_end_lr
    finder.range_test(_loader(task, x_train, y_train), end_lr=end_lr, num_iter=100,
                      step_mode=step_mode)
    history = {"lr": [float(v) for v in finder.history["lr"]],
               "loss": [float(v) for v in finder.history["loss"]]}
    with open(os.path.join(folder, "history.json"), "w") as f:
        json.dump(history, f)
    suggestion = None
    losses = np.array(history["loss"][10:-5])
    if len(losses) > 2:
        suggestion = history["lr"][10 + int(np.gradient(losses).argmin())]
    return "history.json", {"steepest": suggestion}


def lightning_range_test(task, data, folder):
    """Lightning's Tuner.lr_find with its defaults (1e-8 to 1, 100 steps, exponential)."""
    import logging

    import lightning.pytorch as pl
    from lightning.pytorch.tuner import Tuner

    logging.getLogger("lightning.pytorch").setLevel(logging.ERROR)
    x_train, y_train, _, _, n_outputs = data

    class Module(pl.LightningModule):
        def __init__(self):
            super().__init__()
            self.net = problems.make_model(task, problems.n_inputs_of(x_train), n_outputs, 0)
            self.loss_fn = problems.loss_function(task)
            self.lr = 1e-3

        def forward(self, x):
            return self.net(x)

        def training_step(self, batch, _):
            x, y = batch
            return self.loss_fn(self.net(x), y)

        def configure_optimizers(self):
            return problems.make_optimizer(task, self.parameters(), self.lr)

    module = Module()
    trainer = pl.Trainer(accelerator="cpu", devices=1, logger=False, enable_checkpointing=False,
                         enable_progress_bar=False, enable_model_summary=False, max_epochs=100)
    finder = Tuner(trainer).lr_find(module, train_dataloaders=_loader(task, x_train, y_train),
                                    update_attr=False)
    results = {"lr": [float(v) for v in finder.results["lr"]],
               "loss": [float(v) for v in finder.results["loss"]]}
    with open(os.path.join(folder, "results.json"), "w") as f:
        json.dump(results, f)
    return "results.json", {"suggestion": finder.suggestion()}


# MARK: - Keras 3


def keras_model(task, n_inputs, n_outputs, seed):
    import keras

    keras.utils.set_random_seed(seed)
    layers = [keras.Input((n_inputs,))]
    if task.model == "mlp":
        for _ in range(task.depth):
            layers.append(keras.layers.Dense(task.width))
            if task.norm == "layer":
                layers.append(keras.layers.LayerNormalization())
            layers.append(keras.layers.Activation(task.activation))
    layers.append(keras.layers.Dense(n_outputs))
    return keras.Sequential(layers)


def keras_optimizer(task, lr):
    import keras

    wd = task.weight_decay or None
    if task.optimizer == "sgd":
        return keras.optimizers.SGD(lr, weight_decay=wd)
    if task.optimizer == "momentum":
        return keras.optimizers.SGD(lr, momentum=0.9, weight_decay=wd)
    if task.optimizer == "nesterov":
        return keras.optimizers.SGD(lr, momentum=0.9, nesterov=True, weight_decay=wd)
    if task.optimizer == "adam":
        return keras.optimizers.Adam(lr, weight_decay=wd)
    if task.optimizer == "adamw":
        return keras.optimizers.AdamW(lr, weight_decay=wd or 4e-3)
    return keras.optimizers.RMSprop(lr, weight_decay=wd)


def keras_compiled(task, data, seed, lr):
    import keras

    x_train, _, _, _, n_outputs = data
    model = keras_model(task, x_train.shape[1], n_outputs, seed)
    if task.kind == "regression":
        loss = keras.losses.MeanSquaredError()
    else:
        loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    model.compile(optimizer=keras_optimizer(task, lr), loss=loss)
    return model


def keras_range_test(task, data, folder):
    """keras_lr_finder's procedure on raw batch losses (train_on_batch), 1e-6 to 10."""
    x_train, y_train, _, _, _ = data
    x, y = x_train.numpy(), y_train.numpy()
    start_lr, end_lr = 1e-6, 10.0
    batches_per_epoch = math.ceil(len(x) / task.batch_size)
    epochs = max(1, math.ceil(100 / batches_per_epoch))
    num_batches = epochs * batches_per_epoch
    multiplier = (end_lr / start_lr) ** (1.0 / num_batches)
    model = keras_compiled(task, data, 0, start_lr)
    rng = np.random.default_rng(0)
    lrs, losses, best, lr = [], [], math.inf, start_lr
    stop = False
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for batch in range(batches_per_epoch):
            index = order[batch * task.batch_size:(batch + 1) * task.batch_size]
            model.optimizer.learning_rate.assign(lr)
            loss = float(model.train_on_batch(x[index], y[index]))
            lrs.append(float(model.optimizer.learning_rate.numpy()))
            losses.append(loss)
            if batch > 5 and (math.isnan(loss) or loss > best * 4):
                stop = True
                break
            best = min(best, loss)
            lr *= multiplier
        if stop:
            break
    with open(os.path.join(folder, "lr_finder.csv"), "w") as f:
        f.write("batch,lr,loss\n")
        for i, (r, l) in enumerate(zip(lrs, losses)):
            f.write(f"{i},{r!r},{l!r}\n")
    return "lr_finder.csv", {}


def keras_train_once(task, data, lr, seed, schedule):
    x_train, y_train, x_val, y_val, _ = data
    x, y = x_train.numpy(), y_train.numpy()
    model = keras_compiled(task, data, seed, lr)
    rng = np.random.default_rng(seed + 1000)
    order, position = rng.permutation(len(x)), 0
    steps = problems.SWEEP_STEPS
    for step in range(steps):
        if schedule == "one-cycle":
            warm = int(0.25 * steps)
            if step < warm:
                t = step / warm
                rate = lr / 25 + (lr - lr / 25) * (1 - math.cos(math.pi * t)) / 2
            else:
                t = (step - warm) / (steps - warm)
                rate = lr / 1e5 + (lr - lr / 1e5) * (1 + math.cos(math.pi * t)) / 2
            model.optimizer.learning_rate.assign(rate)
        if position + task.batch_size > len(x):
            order, position = rng.permutation(len(x)), 0
        index = order[position:position + task.batch_size]
        position += task.batch_size
        loss = float(model.train_on_batch(x[index], y[index]))
        if not math.isfinite(loss):
            return math.inf
    value = float(model.evaluate(x_val.numpy(), y_val.numpy(), verbose=0))
    return value if math.isfinite(value) else math.inf


def keras_untrained_loss(task, data):
    _, _, x_val, y_val, _ = data
    values = [float(keras_compiled(task, data, s, 1e-3).evaluate(x_val.numpy(), y_val.numpy(),
                                                                 verbose=0))
              for s in problems.SWEEP_SEEDS]
    return float(np.mean(values))


def run(task, data, folder):
    if task.finder == "fastai":
        return fastai_range_test(task, data, folder)
    if task.finder == "tlf-exp":
        return tlf_range_test(task, data, folder, "exp")
    if task.finder == "tlf-linear":
        return tlf_range_test(task, data, folder, "linear")
    if task.finder == "lightning":
        return lightning_range_test(task, data, folder)
    if task.finder == "keras":
        return keras_range_test(task, data, folder)
    raise ValueError(task.finder)
