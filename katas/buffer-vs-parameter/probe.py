"""Runs in the submission's process: drive the candidate's RunningNorm through train and eval mode."""

import torch


def _stats(m):
    out = {}
    for name in ("running_mean", "running_var"):
        value = getattr(m, name, None)
        if isinstance(value, torch.Tensor):
            out[name] = value.detach().clone()
            out[name + ":requires_grad"] = bool(value.requires_grad)
        else:
            out[name] = None
    return out


def running_statistics(submission, num_features, train_batches, eval_batches, momentum=None):
    kwargs = {} if momentum is None else {"momentum": momentum}
    m = submission.RunningNorm(num_features, **kwargs)
    report = {
        "parameters": [name for name, _ in m.named_parameters()],
        "buffers": [name for name, _ in m.named_buffers()],
        "state_dict": list(m.state_dict().keys()),
        "initial": _stats(m),
        "train": [],
        "eval": [],
    }
    m.train()
    for x in train_batches:
        x = x.clone().requires_grad_(True)
        report["train"].append({"out": m(x).detach(), **_stats(m)})
    m.eval()
    with torch.no_grad():
        for x in eval_batches:
            report["eval"].append({"out": m(x), **_stats(m)})
    moved = submission.RunningNorm(num_features, **kwargs).to(torch.float64)
    report["dtype_after_to"] = {name: str(getattr(moved, name).dtype) if isinstance(getattr(moved, name, None),
                                                                                   torch.Tensor) else None
                                for name in ("running_mean", "running_var")}
    return report
