"""Runs in the submission's process: build a small seeded model and data, train it, report.

The grader's cases.py loads this file too and builds the very same model to rerun the reference.
"""

import torch
from torch import nn


def build(seed, n, d_in, hidden, d_out, dtype="float64", start_eval=False, stale_grads=False):
    """A tiny regression model (with BatchNorm) and its data, the same for the same arguments."""
    dtype = getattr(torch, dtype)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(d_in, hidden), nn.BatchNorm1d(hidden), nn.Tanh(),
                              nn.Linear(hidden, d_out)).to(dtype)
    g = torch.Generator().manual_seed(seed + 1)
    x = torch.randn(n, d_in, generator=g, dtype=torch.float64).to(dtype)
    y = torch.randn(n, d_out, generator=g, dtype=torch.float64).to(dtype)
    if stale_grads:  # leftovers from some earlier backward
        for p in model.parameters():
            p.grad = torch.randn(p.shape, generator=g, dtype=torch.float64).to(dtype)
    if start_eval:   # e.g. right after a validation pass
        model.eval()
    return model, x, y


def run_training(submission, steps, lr, **setup):
    model, x, y = build(**setup)
    x_before, y_before = x.clone(), y.clone()
    losses = submission.train(model, x, y, steps, lr)
    if isinstance(losses, (list, tuple)):
        losses = [l.detach().clone() if isinstance(l, torch.Tensor) else l for l in losses]
    return {"losses": losses,
            "state": {k: v.detach().clone() for k, v in model.state_dict().items()},
            "data_unchanged": bool(torch.equal(x, x_before) and torch.equal(y, y_before))}
