"""Cases for gradient-accumulation: unequal micro-batch sizes, k = 1, two calls in a row (stale gradients).

The submission's parameters are compared with a twin model that takes one big-batch step per call here,
in the grader's process.
"""

import importlib.util
import math
from pathlib import Path

import torch

from grader.cases import compare as cmp
from grader.cases import Case

_spec = importlib.util.spec_from_file_location("_kata_gradient_accumulation_probe_copy",
                                               Path(__file__).with_name("probe.py"))
probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(probe)

# Micro-batches sum their gradients in another order than one big batch: float32 differs in the last
# bits (~1e-7 relative), far below the smallest mistake here (a wrong share of one micro-batch).
TOLERANCE = {"float64": cmp.Tolerance(1e-9, 1e-11), "float32": cmp.Tolerance(2e-5, 2e-6)}

SETTINGS = [
    (dict(seed=1, sizes=[[5, 3, 1], [2, 6]], loss="mse", lr=0.1, momentum=0.9),
     "sizes 5, 3, 1 then 2, 6; MSE; SGD with momentum"),
    (dict(seed=2, sizes=[[4, 4, 4], [4, 4, 4]], loss="ce", d_out=3, lr=0.5),
     "three equal micro-batches of 4, twice; cross-entropy"),
    (dict(seed=3, sizes=[[7], [3]], loss="mse", lr=0.2), "k = 1: a single micro-batch of 7, then of 3"),
    (dict(seed=4, sizes=[[1, 6, 2, 3], [5, 1]], loss="ce", d_out=4, dtype="float32", lr=0.3, momentum=0.5,
          weight_decay=0.01), "sizes 1, 6, 2, 3 then 5, 1; cross-entropy; float32; weight decay"),
    (dict(seed=5, sizes=[[8, 2], [3, 3, 3]], loss="mse", optimizer="adam", lr=0.05),
     "sizes 8, 2 then 3, 3, 3; MSE; Adam"),
    (dict(seed=6, sizes=[[2, 10], [6, 1, 1]], loss="mse", d_in=4, d_out=1, lr=0.05),
     "sizes 2, 10 then 6, 1, 1; MSE"),
]


def step_cases():
    return [Case(kwargs=setup, seed=setup["seed"], label=label) for setup, label in SETTINGS]


# ------------------------------------------------------------------ runs to compare with

def _states(setup, step):
    """The state_dict after each call when every call runs ``step(model, opt, loss_fn, micro)``."""
    with torch.random.fork_rng(devices=[]):
        model, opt, loss_fn, calls = probe.build(**setup)
        states, losses = [], []
        for micro in calls:
            losses.append(step(model, opt, loss_fn, micro))
            states.append({k: v.detach().clone() for k, v in model.state_dict().items()})
    return states, losses


def _mistake(kind):
    def step(model, opt, loss_fn, micro):
        total = sum(x.shape[0] for x, _ in micro)
        for x, y in micro:
            loss = loss_fn(model(x), y)
            if kind == "mean over k":
                loss = loss / len(micro)
            elif kind != "no scaling":
                loss = loss * (x.shape[0] / total)
            if kind == "zero between":
                opt.zero_grad()
            loss.backward()
            if kind == "step each":
                opt.step()
        if kind != "step each":
            opt.step()
        if kind != "no zero":
            opt.zero_grad()
        return 0.0
    return step


MISTAKES = {
    "mean over k": "each micro-batch loss was divided by the number of micro-batches k; that is only right when "
                   "they all have the same size: scale by its share n_i / N",
    "no scaling": "the micro-batch losses were not scaled, so the gradients add up to about k times the mean's: "
                  "multiply each loss by n_i / N before backward",
    "step each": "optimizer.step() ran after every micro-batch; accumulate all of them, then step once",
    "zero between": "the gradients were cleared before each micro-batch's backward, so only the last one "
                    "counted; clear them once, after the step",
    "no zero": "the gradients were not cleared after the step, so the next call added to stale gradients: "
               "call optimizer.zero_grad() at the end",
}


def _problem(got, want, tol):
    """None when every entry matches, else a message about the first that does not."""
    if not isinstance(got, dict) or set(got) != set(want):
        return f"state_dict keys {sorted(got) if isinstance(got, dict) else got!r:.80}, expected {sorted(want)}"
    for key, expected in want.items():
        actual = got[key]
        if not isinstance(actual, torch.Tensor) or actual.shape != expected.shape or actual.dtype != expected.dtype:
            return f"`{key}` changed shape or dtype"
        result = cmp.compare_values(actual, expected, tol)
        if not result.ok:
            return f"`{key}`: {result.message}"
    return None


def _calls(value, case):
    """The per-call reports, or [] when the report is malformed (the checks then say so)."""
    calls = value.get("calls") if isinstance(value, dict) else None
    if not isinstance(calls, list) or len(calls) != len(case.kwargs["sizes"]):
        return []
    return calls


INCOMPLETE = (False, "the probe's report is incomplete", {})


def check_parameters(case, value, *, reference, **_):
    tol = TOLERANCE[case.kwargs.get("dtype", "float64")]
    want, _ = _states(case.kwargs, reference.big_batch_step)
    calls = _calls(value, case)
    if not calls:
        return INCOMPLETE
    for i, (report, expected) in enumerate(zip(calls, want)):
        problem = _problem(report["state"], expected, tol)
        if problem is None:
            continue
        for kind, description in MISTAKES.items():
            states, _ = _states(case.kwargs, _mistake(kind))
            if all(_problem(r["state"], s, tol) is None for r, s in zip(calls[:i + 1], states)):
                return False, (f"after call {i + 1} the parameters differ from one step on the concatenated "
                               f"batch: {problem}\nlikely cause: {description}"), {}
        return False, (f"after call {i + 1} the parameters differ from one step on the concatenated batch: "
                       f"{problem}"), {}
    return True, "", {}


def check_cleared(case, value, **_):
    if not _calls(value, case):
        return INCOMPLETE
    for i, report in enumerate(_calls(value, case)):
        left = [name for name, grad in report["grads"].items()
                if grad is not None and bool((grad != 0).any())]
        if left:
            return False, (f"after call {i + 1}, .grad of {', '.join(left)} still holds the accumulated gradient; "
                           "clear it after the step (optimizer.zero_grad()), or the next call starts from it"), {}
    return True, "", {}


def check_one_graph(case, value, **_):
    if not _calls(value, case):
        return INCOMPLETE
    for i, (report, sizes) in enumerate(zip(_calls(value, case), case.kwargs["sizes"])):
        seen = report["forward_sizes"]
        if seen != list(sizes):
            return False, (f"call {i + 1}: the model ran on batches of sizes {seen}, expected one forward pass per "
                           f"micro-batch, sizes {list(sizes)} (call model(x), not model.forward(x); do not "
                           "concatenate the micro-batches)"), {}
        if report["most_alive"] > 1:
            return False, (f"call {i + 1}: {report['most_alive']} micro-batches' graphs were alive at once; call "
                           "backward() on each micro-batch's loss before the next forward pass, so that only one "
                           "micro-batch's activations are held in memory (summing the losses and calling "
                           "backward once keeps them all)"), {}
    return True, "", {}


def check_loss(case, value, *, reference, **_):
    tol = TOLERANCE[case.kwargs.get("dtype", "float64")]
    _, want = _states(case.kwargs, reference.big_batch_step)
    if not _calls(value, case):
        return INCOMPLETE
    for i, (report, expected) in enumerate(zip(_calls(value, case), want)):
        got = report["returned"]
        if isinstance(got, torch.Tensor):
            return False, (f"call {i + 1} returned a tensor; return a Python float (loss.item()), which does not "
                           "keep the graph alive"), {}
        if not isinstance(got, float) or not math.isfinite(got):
            return False, f"call {i + 1} returned {got!r:.60}, expected a finite Python float", {}
        if not abs(got - expected) <= tol.atol + tol.rtol * abs(expected):
            return False, (f"call {i + 1} returned {got!r}, expected the big batch's mean loss {expected!r} "
                           "(the sum of the scaled micro-batch losses)"), {}
    return True, "", {}
