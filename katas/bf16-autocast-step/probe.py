"""Runs in the submission's process: a few train_step calls on a small seeded model; what was seen.

Forward hooks on the Linear layers record the dtype they computed in. The grader's cases.py loads
this file too and builds the very same model, optimizer and batches to rerun the reference.
"""

import torch
import torch.nn.functional as F
from torch import nn


def build(seed, steps, optimizer="sgd", loss="mse", n=8, d_in=6, hidden=16, d_out=3):
    """Model (float32), optimizer, loss function and `steps` batches; the same for the same arguments."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = nn.Sequential(nn.Linear(d_in, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.Tanh(),
                              nn.Linear(hidden, d_out))
    if optimizer == "adamw":
        opt = torch.optim.AdamW(model.parameters(), lr=1e-2, weight_decay=0.01)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    g = torch.Generator().manual_seed(seed + 1)
    batches = []
    for _ in range(steps):
        x = torch.randn(n, d_in, generator=g)
        if loss == "ce":
            y = torch.randint(0, d_out, (n,), generator=g)
        else:
            y = torch.randn(n, d_out, generator=g)
        batches.append((x, y))
    loss_fn = F.cross_entropy if loss == "ce" else F.mse_loss
    return model, opt, loss_fn, batches


def run_steps(submission, **setup):
    model, opt, loss_fn, batches = build(**setup)
    seen = []

    def hook(module, inputs, output):
        seen.append(str(output.dtype).replace("torch.", "") if isinstance(output, torch.Tensor) else "none")

    layers = [m for m in model.modules() if isinstance(m, nn.Linear)]
    handles = [m.register_forward_hook(hook) for m in layers]
    losses, kinds, calls = [], [], []
    for x, y in batches:
        before = len(seen)
        out = submission.train_step(model, opt, x, y, loss_fn)
        calls.append(len(seen) - before)
        kinds.append(type(out).__name__)
        losses.append(out.detach().clone() if isinstance(out, torch.Tensor) else out)
    for h in handles:
        h.remove()
    return {
        "losses": losses,
        "loss_types": kinds,
        "linear_dtypes": seen,
        "linear_calls": calls,
        "linear_layers": len(layers),
        "param_dtypes": {n: str(p.dtype).replace("torch.", "") for n, p in model.named_parameters()},
        "state": {k: v.detach().clone() for k, v in model.state_dict().items()},
    }
