"""Runs in the submission's process: a seeded model with Dropout and BatchNorm, and predict on it.

The grader's cases.py loads this file too and builds the very same model for the reference output.
"""

import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self, d_in, hidden, d_out, p):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, hidden), nn.BatchNorm1d(hidden), nn.ReLU(), nn.Dropout(p))
        self.head = nn.Linear(hidden, d_out)

    def forward(self, x):
        return self.head(self.body(x))


def build(seed, d_in, hidden, d_out, p, n):
    """The model (after a little training-mode warm-up of its BatchNorm statistics) and a batch."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = Classifier(d_in, hidden, d_out, p)
        with torch.no_grad():
            for _ in range(3):
                model(torch.randn(16, d_in) * 2 + 1)
    model.train()
    x = torch.randn(n, d_in, generator=torch.Generator().manual_seed(seed + 1))
    return model, x


def run_predict(submission, seed, d_in, hidden, d_out, p, n, x_requires_grad=False):
    model, x = build(seed, d_in, hidden, d_out, p, n)
    if x_requires_grad:
        x.requires_grad_(True)
    x_before = x.detach().clone()
    out = submission.predict(model, x)
    again = submission.predict(model, x)
    bn = model.body[1]
    return {
        "out": out.detach().clone() if isinstance(out, torch.Tensor) else out,
        "again": again.detach().clone() if isinstance(again, torch.Tensor) else again,
        "requires_grad": bool(getattr(out, "requires_grad", False)),
        "grad_fn": type(out.grad_fn).__name__ if getattr(out, "grad_fn", None) is not None else None,
        "modes": {name or "(the model itself)": m.training for name, m in model.named_modules()},
        "frozen": [name for name, prm in model.named_parameters() if not prm.requires_grad],
        "with_grad": [name for name, prm in model.named_parameters() if prm.grad is not None],
        "running_mean": bn.running_mean.clone(), "running_var": bn.running_var.clone(),
        "batches_tracked": int(bn.num_batches_tracked),
        "x_unchanged": bool(torch.equal(x.detach(), x_before)),
    }
