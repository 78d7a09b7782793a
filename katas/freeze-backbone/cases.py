"""Cases for freeze-backbone: seeded backbone + head models; the reference is rerun here on a twin model."""

import importlib.util
import math
from pathlib import Path

import torch
from torch import nn

from grader.cases import compare as cmp
from grader.cases import Case

_spec = importlib.util.spec_from_file_location("_kata_freeze_backbone_probe_copy", Path(__file__).with_name("probe.py"))
probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(probe)

# The twin runs the same operations, but the sandbox may use another thread count (another summation
# order); AdamW divides by sqrt(v), which turns last-bit differences of tiny gradients into ~1e-9.
TOLERANCE = {"float64": cmp.Tolerance(1e-7, 1e-9), "float32": cmp.Tolerance(1e-4, 1e-5)}

SETTINGS = [
    # steps, lr, weight_decay, setup, label
    (3, 1e-2, 0.01, dict(seed=1), "MLP backbone with BatchNorm1d, head `head` with its own BatchNorm"),
    (2, 5e-2, 0.1, dict(seed=2, head_name="classifier", kind="conv", dtype="float32"),
     "conv backbone with BatchNorm2d, head `classifier`, float32"),
    (4, 2e-2, 0.0, dict(seed=3, head_name="fc", start_eval=True),
     "head `fc`, no weight decay, model handed over in eval mode"),
]


def finetune_cases():
    return [Case(kwargs={"steps": steps, "lr": lr, "weight_decay": wd, **setup}, seed=setup["seed"], label=label)
            for steps, lr, wd, setup, label in SETTINGS]


def _setup(case):
    return {k: v for k, v in case.kwargs.items() if k not in ("steps", "lr", "weight_decay")}


def _head(case):
    return case.kwargs.get("head_name", "head")


def _in_backbone(name):
    return name == "backbone" or name.startswith("backbone.")


def _reference_state(case, reference):
    model, x, y = probe.build(**_setup(case))
    optimizer = reference.prepare_finetune(model, head_name=_head(case), lr=case.kwargs["lr"],
                                           weight_decay=case.kwargs["weight_decay"])
    probe.train(model, optimizer, x, y, case.kwargs["steps"])
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def _batchnorms(case):
    model, _, _ = probe.build(**_setup(case))
    return [n for n, m in model.named_modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]


def _trained(value):
    if value.get("train_error"):
        return f"the fine-tuning loop could not run with what prepare_finetune returned: {value['train_error']}"
    if not value["is_optimizer"]:
        return f"prepare_finetune must return a torch.optim.Optimizer (AdamW), got {value['optimizer_class']}"
    return None


def check_frozen(case, value, **_):
    flags = value["requires_grad"]
    still = [n for n, on in flags.items() if _in_backbone(n) and on]
    if still:
        return False, (f"{len(still)} backbone parameters still require grad (e.g. `{still[0]}`): call "
                       "requires_grad_(False) on each parameter (model.backbone.requires_grad_(False) does that for "
                       "all of them); setting an attribute `requires_grad` on the module object changes nothing, "
                       "and torch.no_grad() freezes nothing either"), {}
    frozen_head = [n for n, on in flags.items() if not _in_backbone(n) and not on]
    if frozen_head:
        return False, (f"head parameters are frozen too (e.g. `{frozen_head[0]}`): only the backbone is frozen; "
                       f"the head `{_head(case)}` must stay trainable"), {}
    return True, "", {}


def check_optimizer(case, value, **_):
    if not value["is_optimizer"]:
        return False, f"prepare_finetune must return a torch.optim.Optimizer (AdamW), got {value['optimizer_class']}", {}
    if value["optimizer_class"] != "AdamW":
        return False, f"returned a {value['optimizer_class']}; return torch.optim.AdamW", {}
    held = [n for g in value["groups"] for n in g["params"]]
    want = sorted(n for n in value["requires_grad"] if not _in_backbone(n))
    frozen = [n for n in held if _in_backbone(n)]
    if frozen:
        return False, (f"the optimizer holds {len(frozen)} frozen backbone parameters (e.g. `{frozen[0]}`): give it "
                       "only the trainable ones ([p for p in model.parameters() if p.requires_grad], after freezing). "
                       "PyTorch skips a parameter whose .grad is None, but the optimizer would update it, weight decay "
                       "included, as soon as it gets a gradient (a later unfreeze, a stale .grad)"), {}
    if len(held) != len(set(held)):
        return False, "a parameter appears more than once in the optimizer's param_groups", {}
    if sorted(held) != want:
        missing = sorted(set(want) - set(held))
        return False, f"the optimizer misses head parameters {missing[:3]} (or holds tensors that are not parameters)", {}
    for group in value["groups"]:
        if not math.isclose(group["lr"], case.kwargs["lr"]) or not math.isclose(
                group["weight_decay"], case.kwargs["weight_decay"], abs_tol=1e-12):
            return False, (f"a param group has lr={group['lr']:g}, weight_decay={group['weight_decay']:g}; expected "
                           f"lr={case.kwargs['lr']:g}, weight_decay={case.kwargs['weight_decay']:g}"), {}
    return True, "", {}


def check_backbone_fixed(case, value, **_):
    problem = _trained(value)
    if problem:
        return False, problem, {}
    before, after = value["before"], value["after"]
    moved = [k for k in before if _in_backbone(k) and not torch.equal(before[k], after[k])]
    if not moved:
        return True, "", {}
    stats = [k for k in moved if k.rsplit(".", 1)[-1] in ("running_mean", "running_var", "num_batches_tracked")]
    if stats:
        layer = stats[0].rsplit(".", 1)[0]
        still_training = [n for n in _batchnorms(case) if _in_backbone(n) and value["training"].get(n)]
        why = (f"`{still_training[0]}` was in training mode after prepare_finetune" if still_training
               else "a BatchNorm layer of the backbone ran in training mode")
        return False, (f"the backbone's BatchNorm statistics moved during fine-tuning (`{stats[0]}`): {why}. "
                       f"requires_grad does not stop running_mean/running_var from updating: put the backbone's "
                       f"BatchNorm layers in eval mode, and do it last (a later model.train() undoes it); "
                       f"see `{layer}`"), {}
    return False, (f"backbone weights changed during fine-tuning ({len(moved)} tensors, e.g. `{moved[0]}`): "
                   "they still get gradients and the optimizer updates them"), {}


def check_head(case, value, *, reference, **_):
    problem = _trained(value)
    if problem:
        return False, problem, {}
    want = _reference_state(case, reference)
    tol = TOLERANCE[case.kwargs.get("dtype", "float64")]
    got = value["after"]
    if set(got) != set(want):
        return False, f"state_dict keys changed: {sorted(set(got) ^ set(want))[:4]}", {}
    for key, expected in want.items():
        if _in_backbone(key):
            continue
        actual = got[key]
        if actual.shape != expected.shape or actual.dtype != expected.dtype:
            return False, f"`{key}` changed shape or dtype", {}
        if not expected.is_floating_point():
            ok = torch.equal(actual, expected)
            message = f"{actual.tolist()} instead of {expected.tolist()}"
        else:
            result = cmp.compare_values(actual, expected, tol)
            ok, message = result.ok, result.message
        if not ok:
            modes = [n for n, on in value["training"].items() if not _in_backbone(n) and n != "" and not on]
            hint = (f"\nlikely cause: the head is in eval mode (`{modes[0]}`): its own BatchNorm must keep using batch "
                    "statistics; put only the backbone (or its BatchNorm layers) in eval mode, and the head in "
                    "training mode") if modes else ""
            return False, f"the head after fine-tuning differs from the reference's: `{key}`: {message}{hint}", {}
    return True, "", {}
