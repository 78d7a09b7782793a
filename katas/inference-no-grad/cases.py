"""Cases for inference-no-grad: models with Dropout and BatchNorm handed over in training mode."""

import importlib.util
from pathlib import Path

import torch

from grader.cases import compare as cmp
from grader.cases import Case

_spec = importlib.util.spec_from_file_location("_kata_inference_no_grad_probe_copy",
                                               Path(__file__).with_name("probe.py"))
probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(probe)

SETTINGS = [
    (dict(seed=1, d_in=4, hidden=8, d_out=3, p=0.5, n=6), "batch of 6, dropout 0.5"),
    (dict(seed=2, d_in=3, hidden=5, d_out=2, p=0.2, n=10), "batch of 10, dropout 0.2"),
    (dict(seed=3, d_in=5, hidden=6, d_out=1, p=0.5, n=1), "a single sample (batch of 1)"),
    (dict(seed=4, d_in=2, hidden=7, d_out=4, p=0.3, n=5, x_requires_grad=True), "x itself requires grad"),
]


def predict_cases():
    return [Case(kwargs=kwargs, seed=kwargs["seed"], label=label) for kwargs, label in SETTINGS]


def _expected(kwargs):
    setup = {k: v for k, v in kwargs.items() if k != "x_requires_grad"}
    model, x = probe.build(**setup)
    bn = model.body[1]
    stats = (bn.running_mean.clone(), bn.running_var.clone(), int(bn.num_batches_tracked))
    model.eval()
    with torch.no_grad():
        return model(x), stats


def check_outputs(case, value, **_):
    want, _ = _expected(case.kwargs)
    for key, what in (("out", "output"), ("again", "output of a second call")):
        got = value[key]
        if not isinstance(got, torch.Tensor):
            return False, f"{what}: expected a tensor, got {type(got).__name__}", {}
        if tuple(got.shape) != tuple(want.shape):
            return False, f"{what}: shape {tuple(got.shape)}, expected {tuple(want.shape)}", {}
        result = cmp.compare_values(got, want, cmp.tolerance_for(torch.float32))
        if not result.ok:
            hint = ("\nlikely cause: the model ran in training mode: Dropout zeroes random units and BatchNorm "
                    "uses the batch's statistics; call model.eval() (it switches every submodule)")
            if not all(not training for training in value["modes"].values()) or key == "again":
                return False, f"{what} differs from the eval-mode output: {result.message}{hint}", {}
            return False, f"{what} differs from the eval-mode output: {result.message}", {}
    return True, "", {}


def check_no_graph(case, value, **_):
    if value["requires_grad"] or value["grad_fn"]:
        return False, (f"the output requires grad (grad_fn {value['grad_fn']}): the forward pass recorded an "
                       "autograd graph, which costs memory and time at inference; run it under torch.no_grad() "
                       "(or torch.inference_mode())"), {}
    if value["with_grad"]:
        return False, f"parameters {value['with_grad']} got a .grad: inference must not run backward", {}
    return True, "", {}


def check_model_state(case, value, **_):
    still_training = [name for name, training in value["modes"].items() if training]
    if still_training:
        return False, (f"after predict these modules are still in training mode: {still_training}; "
                       "call model.eval(), which switches every submodule (assigning model.training = False "
                       "changes only the top one)"), {}
    if value["frozen"]:
        return False, (f"predict switched off requires_grad on {value['frozen']}: the model can no longer be "
                       "trained afterwards; use torch.no_grad() instead of freezing parameters"), {}
    _, (mean, var, tracked) = _expected(case.kwargs)
    tol = cmp.tolerance_for(torch.float32)  # the warm-up ran in another process, maybe on more threads
    if value["batches_tracked"] != tracked or not (cmp.compare_values(value["running_mean"], mean, tol).ok
                                                   and cmp.compare_values(value["running_var"], var, tol).ok):
        return False, ("BatchNorm's running statistics changed during predict: the forward pass ran in "
                       "training mode; call model.eval() before it"), {}
    if not value["x_unchanged"]:
        return False, "the input x was modified", {}
    return True, "", {}
