"""Runs in the submission's process: build a small seeded model, call accumulate_step twice, report.

The grader's cases.py loads this file too and builds the very same model and data for the big-batch
reference step.
"""

import torch
import torch.nn.functional as F
from torch import nn


def build(seed, sizes, d_in=3, hidden=6, d_out=2, loss="mse", dtype="float64", optimizer="sgd", lr=0.1,
          momentum=0.0, weight_decay=0.0):
    """A tiny model, its optimizer, the loss function and one list of micro-batches per call."""
    dtype = getattr(torch, dtype)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(d_in, hidden), nn.Tanh(), nn.Linear(hidden, d_out)).to(dtype)
    g = torch.Generator().manual_seed(seed + 1)
    calls = []
    for call_sizes in sizes:
        micro = []
        for n in call_sizes:
            x = torch.randn(n, d_in, generator=g, dtype=torch.float64).to(dtype)
            if loss == "mse":
                y = torch.randn(n, d_out, generator=g, dtype=torch.float64).to(dtype)
            else:
                y = torch.randint(0, d_out, (n,), generator=g)
            micro.append((x, y))
        calls.append(micro)
    if optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay)
    loss_fn = F.mse_loss if loss == "mse" else F.cross_entropy
    return model, opt, loss_fn, calls


class GraphWatch:
    """Counts forward passes, their batch sizes, and how many outputs still wait for their backward."""

    def __init__(self, model):
        self.sizes = []
        self.pending = 0
        self.most_alive = 0
        model.register_forward_pre_hook(self._before)
        model.register_forward_hook(self._after)

    def _before(self, module, inputs):
        if inputs and isinstance(inputs[0], torch.Tensor) and inputs[0].dim() > 0:
            self.sizes.append(int(inputs[0].shape[0]))

    def _after(self, module, inputs, output):
        if isinstance(output, torch.Tensor) and output.requires_grad:
            self.pending += 1
            self.most_alive = max(self.most_alive, self.pending)
            output.register_hook(self._reached)

    def _reached(self, grad):
        self.pending -= 1


def run_accumulation(submission, **setup):
    model, opt, loss_fn, calls = build(**setup)
    watch = GraphWatch(model)
    reports = []
    for micro in calls:
        watch.sizes, watch.most_alive = [], 0
        returned = submission.accumulate_step(model, opt, loss_fn, micro)
        if isinstance(returned, torch.Tensor):
            returned = returned.detach().clone()
        reports.append({
            "returned": returned,
            "state": {k: v.detach().clone() for k, v in model.state_dict().items()},
            "grads": {name: None if p.grad is None else p.grad.detach().clone()
                      for name, p in model.named_parameters()},
            "forward_sizes": list(watch.sizes),
            "most_alive": watch.most_alive,
        })
    return {"calls": reports}
