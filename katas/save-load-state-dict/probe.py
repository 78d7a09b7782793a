"""Runs in the submission's process, in its own working folder: save, inspect the file, load back."""

import os
import re

import torch
from torch import nn


def make_model(kind, seed):
    """A small model with parameters and buffers (BatchNorm statistics), seeded."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if kind == "mlp":
            model = nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 2))
            warm = torch.randn(8, 4)
        else:
            model = nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU(),
                                  nn.Flatten(), nn.Linear(3 * 4 * 4, 2))
            warm = torch.randn(5, 2, 4, 4)
    return model, warm


def trained(kind, seed):
    """The model as it stands after some training: BatchNorm statistics moved away from their defaults."""
    model, warm = make_model(kind, seed)
    with torch.no_grad():
        model(warm * 3 + 1)
        model(warm - 2)
    return model


def _state(model):
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def round_trip(submission, kind, seed, folder, filename):
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, filename)
    model = trained(kind, seed)
    original = _state(model)
    before = set(os.listdir(folder))
    submission.save(model, path)
    report = {"exists": os.path.isfile(path), "new_files": sorted(set(os.listdir(folder)) - before),
              "original": original, "safe_error": None, "safe_type": None, "safe_keys": None,
              "safe_values_tensors": None}
    if report["exists"]:
        try:
            obj = torch.load(path, weights_only=True)
            report["safe_type"] = type(obj).__name__
            if isinstance(obj, dict):
                report["safe_keys"] = [str(k) for k in obj.keys()]
                report["safe_values_tensors"] = all(isinstance(v, torch.Tensor) for v in obj.values())
        except Exception as exc:
            first_line = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).splitlines()[0][:200]
            report["safe_error"] = f"{type(exc).__name__}: {first_line}"

    built = []

    def factory():
        fresh, _ = make_model(kind, seed + 1000)  # same architecture, other random weights
        built.append(_state(fresh))
        return fresh

    try:
        loaded = submission.load(factory, path)
        report["load_error"] = None
    except Exception as exc:  # reported by the restore check; the file check still looks at the file
        loaded = None
        report["load_error"] = f"{type(exc).__name__}: {exc}"[:400]
    report["factory_calls"] = len(built)
    report["fresh"] = built[0] if built else None
    report["loaded_type"] = type(loaded).__name__
    report["loaded_is_module"] = isinstance(loaded, nn.Module)
    report["loaded"] = _state(loaded) if isinstance(loaded, nn.Module) else None
    return report
