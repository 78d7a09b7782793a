"""Cases for bf16-autocast-step: seeded tiny models; the reference step is rerun here on a twin model."""

import importlib.util
import math
from pathlib import Path

import torch

from grader.cases import compare as cmp
from grader.cases import Case

_spec = importlib.util.spec_from_file_location("_kata_bf16_autocast_step_probe_copy",
                                               Path(__file__).with_name("probe.py"))
probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(probe)

# bfloat16 keeps 8 bits of mantissa: another machine (or another kernel) may round some activations the
# other way, which moves the float32 weights by ~1e-4 after a few steps. Gradients that pile up
# (no zero_grad) move them by 1e-2 or more.
PARAM_TOLERANCE = cmp.Tolerance(1e-2, 3e-3)
LOSS_TOLERANCE = cmp.Tolerance(2e-2, 1e-3)

SETTINGS = [
    (dict(seed=1, steps=3), "3 steps, MSE, SGD with momentum"),
    (dict(seed=2, steps=4, optimizer="adamw", loss="ce"), "4 steps, cross-entropy, AdamW"),
    (dict(seed=3, steps=3, loss="ce", n=5, d_in=4, hidden=12, d_out=4), "3 steps, cross-entropy, odd sizes"),
    (dict(seed=4, steps=1, n=1), "a single step on a batch of one"),
]


def step_cases():
    return [Case(kwargs=setup, seed=setup["seed"], label=label) for setup, label in SETTINGS]


def _reference(case, reference):
    model, opt, loss_fn, batches = probe.build(**case.kwargs)
    losses = [reference.train_step(model, opt, x, y, loss_fn) for x, y in batches]
    return losses, {k: v.detach().clone() for k, v in model.state_dict().items()}


def check_master_weights(case, value, **_):
    wrong = {n: d for n, d in value["param_dtypes"].items() if d != "float32"}
    if wrong:
        name, dtype = next(iter(wrong.items()))
        return False, (f"parameter `{name}` is {dtype} after training: the master weights must stay float32 "
                       "(autocast casts per operation; model.to(torch.bfloat16) or .half() throws away the "
                       "small updates that float32 weights keep)"), {}
    return True, "", {}


def check_autocast(case, value, **_):
    seen = value["linear_dtypes"]
    calls = value["linear_calls"]
    if not seen or min(calls) < value["linear_layers"]:
        return False, "the model's Linear layers did not all run in every train_step call", {}
    other = sorted(set(seen) - {"bfloat16"})
    if other:
        count = sum(1 for d in seen if d != "bfloat16")
        hint = {"float32": "is the forward pass under torch.autocast(device_type=x.device.type, dtype=torch.bfloat16)? "
                           "autocast for another device type (say 'cuda' on a CPU tensor) does nothing",
                "float16": "that is float16, not bfloat16: pass dtype=torch.bfloat16"}.get(other[0], "")
        return False, (f"{count} of {len(seen)} Linear outputs were {other[0]}, expected bfloat16 under autocast"
                       + (f"\nhint: {hint}" if hint else "")), {}
    return True, "", {}


def check_loss_type(case, value, **_):
    for i, (kind, loss) in enumerate(zip(value["loss_types"], value["losses"])):
        if kind != "float" or not isinstance(loss, float):
            extra = (": return loss.item(); a tensor keeps the step's graph (and the device) attached"
                     if kind == "Tensor" else "")
            return False, f"step {i} returned a {kind}, expected a Python float{extra}", {}
        if not math.isfinite(loss):
            return False, f"step {i} returned {loss!r}", {}
    return True, "", {}


def check_training(case, value, *, reference, **_):
    want_losses, want_state = _reference(case, reference)
    got = value["state"]
    if set(got) != set(want_state):
        return False, f"state_dict keys {sorted(got)}, expected {sorted(want_state)}", {}
    for key, expected in want_state.items():
        actual = got[key]
        if actual.shape != expected.shape:
            return False, f"`{key}` changed shape", {}
        result = cmp.compare_values(actual.float(), expected, PARAM_TOLERANCE)
        if not result.ok:
            return False, (f"`{key}` after {case.kwargs['steps']} steps differs from the reference's: {result.message}"
                           "\nis every step's gradient cleared (optimizer.zero_grad()) so that the next step starts "
                           "from zero, and is the optimizer stepped once per call?"), {}
    return True, "", {}


def check_loss_values(case, value, *, reference, **_):
    want, _ = _reference(case, reference)
    tol = LOSS_TOLERANCE
    for i, (got, expected) in enumerate(zip(value["losses"], want)):
        if isinstance(got, torch.Tensor) and got.numel() == 1:
            got = float(got)
        if not isinstance(got, (int, float)) or not abs(got - expected) <= tol.atol + tol.rtol * abs(expected):
            return False, f"loss of step {i} is {got!r:.40}, expected about {expected:.6g} [{tol}]", {}
    return True, "", {}
