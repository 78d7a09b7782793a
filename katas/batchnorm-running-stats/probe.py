"""Runs in the submission's process: build the candidate's BatchNorm1d, optionally load a state_dict,
run some batches in train mode and then in eval mode, and report outputs and statistics after each."""

import torch

NAMES = ("running_mean", "running_var", "num_batches_tracked")


def _stats(m):
    out = {}
    for name in NAMES:
        value = getattr(m, name, None)
        if isinstance(value, torch.Tensor):
            out[name] = value.detach().clone()
            out[name + ":requires_grad"] = bool(value.requires_grad)
            out[name + ":dtype"] = str(value.dtype)
        else:
            out[name] = None
            out[name + ":type"] = type(value).__name__
    return out


def _out(y):
    return y.detach().clone() if isinstance(y, torch.Tensor) else None


def run_batches(submission, num_features, init_kwargs, train_batches, eval_batches, state=None):
    m = submission.BatchNorm1d(num_features, **init_kwargs)
    report = {"initial": _stats(m),
              "initial_params": {n: p.detach().clone() for n, p in m.named_parameters()},
              "load_error": None, "train": [], "eval": []}
    if state is not None:
        try:
            m.load_state_dict(state)
        except Exception as exc:  # reported as data: the grader explains it
            report["load_error"] = f"{type(exc).__name__}: {exc}"[:600]
            return report
    m.train()
    for x in train_batches:
        y = m(x.clone().requires_grad_(True))
        report["train"].append({"out": _out(y), **_stats(m)})
    m.eval()
    with torch.no_grad():
        for x in eval_batches:
            report["eval"].append({"out": _out(m(x.clone())), **_stats(m)})
    return report
