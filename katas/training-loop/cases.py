"""Cases for training-loop: seeded models and data; the reference loop is rerun here on a twin model."""

import importlib.util
import math
from pathlib import Path

import torch
import torch.nn.functional as F

from grader.cases import compare as cmp
from grader.cases import Case

_spec = importlib.util.spec_from_file_location("_kata_training_loop_probe_copy", Path(__file__).with_name("probe.py"))
probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(probe)

# float32 runs differ from the reference in the last bits (other summation order, other thread count);
# after a few steps that grows to ~1e-6 relative, far below what any ordering mistake produces.
TOLERANCE = {"float64": cmp.Tolerance(1e-9, 1e-10), "float32": cmp.Tolerance(1e-4, 1e-5)}

SETTINGS = [
    # steps, lr, setup, label
    (6, 0.1, dict(seed=1, n=16, d_in=3, hidden=8, d_out=2), "6 steps, lr 0.1"),
    (5, 0.05, dict(seed=2, n=10, d_in=4, hidden=6, d_out=1, start_eval=True),
     "5 steps, lr 0.05, model handed over in eval mode"),
    (4, 0.2, dict(seed=3, n=12, d_in=2, hidden=5, d_out=3, stale_grads=True),
     "4 steps, lr 0.2, parameters arrive holding stale .grad values"),
    (8, 0.1, dict(seed=4, n=20, d_in=5, hidden=7, d_out=2, dtype="float32"), "8 steps, lr 0.1, float32"),
    (1, 0.3, dict(seed=5, n=6, d_in=3, hidden=4, d_out=1), "a single step"),
    (0, 0.1, dict(seed=6, n=6, d_in=3, hidden=4, d_out=1), "zero steps"),
]


def training_cases():
    return [Case(kwargs={"steps": steps, "lr": lr, **setup}, seed=setup["seed"], label=label)
            for steps, lr, setup, label in SETTINGS]


# ------------------------------------------------------------------ loops to compare with

def _loop(model, data, targets, steps, lr, order="right", set_train=True):
    if set_train:
        model.train()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(steps):
        if order in ("right", "extra-forward"):
            opt.zero_grad()
        loss = F.mse_loss(model(data), targets)
        loss.backward()
        if order == "zero-before-step":
            opt.zero_grad()
        opt.step()
        if order == "zero-at-end":
            opt.zero_grad()
        if order == "extra-forward":
            model(data)
        losses.append(loss.item())
    return losses


MISTAKES = {
    "no-zero": "gradients pile up from step to step: call optimizer.zero_grad() before every backward",
    "zero-before-step": "every update was empty: the gradients get cleared between backward() and step() "
                        "(zero_grad right before step, or step placed before backward), so nothing learns",
    "zero-at-end": "zero_grad() comes only after step(): the stale .grad the parameters arrived with is "
                   "applied in the first step; clear gradients before backward",
    "extra-forward": "BatchNorm's running statistics moved twice per step: a second training-mode forward "
                     "pass (e.g. to report the loss after the update); record the loss computed before step()",
    "no-train": "the model was left in eval mode: call model.train() first (BatchNorm then uses batch "
                "statistics and updates its running averages)",
}


def _run(kwargs, **loop_options):
    setup = {k: v for k, v in kwargs.items() if k not in ("steps", "lr")}
    model, x, y = probe.build(**setup)
    losses = _loop(model, x, y, kwargs["steps"], kwargs["lr"], **loop_options)
    return losses, {k: v.detach().clone() for k, v in model.state_dict().items()}


def _reference(case, reference):
    setup = {k: v for k, v in case.kwargs.items() if k not in ("steps", "lr")}
    model, x, y = probe.build(**setup)
    losses = reference.train(model, x, y, case.kwargs["steps"], case.kwargs["lr"])
    return losses, {k: v.detach().clone() for k, v in model.state_dict().items()}


def _state_problem(got, want, tol):
    """None when every entry matches, else a message about the first that does not."""
    if not isinstance(got, dict) or set(got) != set(want):
        return f"state_dict keys {sorted(got) if isinstance(got, dict) else got!r}, expected {sorted(want)}"
    for key, expected in want.items():
        actual = got[key]
        if actual.shape != expected.shape or actual.dtype != expected.dtype:
            return f"`{key}` changed shape or dtype ({tuple(actual.shape)}, {actual.dtype})"
        if not expected.is_floating_point():
            if not torch.equal(actual, expected):
                return (f"`{key}` is {actual.tolist()}, expected {expected.tolist()} (BatchNorm counts every "
                        "training-mode forward pass: run exactly one forward per step)")
            continue
        result = cmp.compare_values(actual, expected, tol)
        if not result.ok:
            return f"`{key}` after training: {result.message}"
    return None


def _states_match(got, want, tol):
    return _state_problem(got, want, tol) is None


def check_losses(case, value, **_):
    losses = value["losses"]
    steps = case.kwargs["steps"]
    if not isinstance(losses, (list, tuple)):
        return False, f"train must return a list of losses, got {type(losses).__name__}", {}
    if len(losses) != steps:
        return False, f"returned {len(losses)} losses for {steps} steps (one per step)", {}
    for i, loss in enumerate(losses):
        if isinstance(loss, torch.Tensor):
            return False, (f"loss {i} is a tensor: keep Python floats (loss.item()); a list of loss tensors "
                           "holds on to every step's autograd graph"), {}
        if not isinstance(loss, float) or not math.isfinite(loss):
            return False, f"loss {i} is {loss!r}, expected a finite Python float", {}
    return True, "", {}


def check_training(case, value, *, reference, **_):
    dtype = case.kwargs.get("dtype", "float64")
    tol = TOLERANCE[dtype]
    want_losses, want_state = _reference(case, reference)
    problem = _state_problem(value["state"], want_state, tol)
    if problem is None:
        if not value["data_unchanged"]:
            return False, "the data or targets were modified in place", {}
        return True, "", {}
    for name, description in MISTAKES.items():
        options = {"set_train": False} if name == "no-train" else {"order": name}
        _, state = _run(case.kwargs, **options)
        if _states_match(value["state"], state, tol):
            return False, f"the parameters differ from the reference loop's\nlikely cause: {description}", {}
    return False, f"the parameters differ from the reference loop's: {problem}", {}


def check_loss_values(case, value, *, reference, **_):
    ok, message, _ = check_losses(case, value)
    if not ok:
        return False, "cannot compare: " + message, {}
    tol = TOLERANCE[case.kwargs.get("dtype", "float64")]
    want, _ = _reference(case, reference)
    for i, (got, expected) in enumerate(zip(value["losses"], want)):
        if not abs(got - expected) <= tol.atol + tol.rtol * abs(expected):
            hint = " (the loss of step 0 is the MSE before any update)" if i == 0 else ""
            return False, (f"loss of step {i} is {got!r}, expected {expected!r}{hint}; losses so far "
                           f"{[round(l, 6) for l in value['losses'][:i + 1]]}"), {}
    return True, "", {}
