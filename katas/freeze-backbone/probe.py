"""Runs in the submission's process: build a small seeded backbone + head model, let the submission
prepare it for fine-tuning, train a few steps with the optimizer it returns, and report.

The grader's cases.py loads this file too and builds the very same model to rerun the reference.
"""

import torch
import torch.nn.functional as F
from torch import nn


class Net(nn.Module):
    def __init__(self, backbone, head, head_name):
        super().__init__()
        self.backbone = backbone
        self.head_name = head_name
        setattr(self, head_name, head)

    def forward(self, x):
        return getattr(self, self.head_name)(self.backbone(x))


def build(seed, head_name="head", kind="mlp", dtype="float64", start_eval=False):
    """The model (in training mode unless start_eval), its inputs and targets; the same for the same arguments."""
    dtype = getattr(torch, dtype)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if kind == "conv":
            backbone = nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(),
                                     nn.Conv2d(4, 6, 3), nn.BatchNorm2d(6), nn.ReLU(),
                                     nn.AdaptiveAvgPool2d(1), nn.Flatten())
            head = nn.Linear(6, 3)
            shape = (6, 2, 5, 5)
        else:
            backbone = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(),
                                     nn.Linear(8, 8), nn.BatchNorm1d(8), nn.ReLU())
            head = nn.Sequential(nn.Linear(8, 6, bias=False), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 3))
            shape = (10, 4)
        model = Net(backbone, head, head_name).to(dtype)
        # "pretrained" BatchNorm statistics: not the fresh 0 / 1
        for m in backbone.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.num_batches_tracked.fill_(100)
    g = torch.Generator().manual_seed(seed + 1)
    x = (torch.randn(shape, generator=g, dtype=torch.float64) * 2 + 1).to(dtype)
    y = torch.randn(shape[0], 3, generator=g, dtype=torch.float64).to(dtype)
    if start_eval:  # e.g. right after measuring the pretrained model
        model.eval()
    return model, x, y


def train(model, optimizer, x, y, steps):
    """The fine-tuning loop that follows prepare_finetune: it sets no train/eval mode of its own."""
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()


def run_finetune(submission, steps, lr, weight_decay, **setup):
    model, x, y = build(**setup)
    before = {k: v.detach().clone() for k, v in model.state_dict().items()}
    names = {id(p): n for n, p in model.named_parameters()}
    optimizer = submission.prepare_finetune(model, head_name=setup.get("head_name", "head"), lr=lr,
                                            weight_decay=weight_decay)
    report = {
        "before": before,
        "requires_grad": {n: bool(p.requires_grad) for n, p in model.named_parameters()},
        "training": {n: bool(m.training) for n, m in model.named_modules() if n},
        "is_optimizer": isinstance(optimizer, torch.optim.Optimizer),
        "optimizer_class": type(optimizer).__name__,
        "groups": [],
        "train_error": None,
    }
    if not report["is_optimizer"]:
        return report
    for group in optimizer.param_groups:
        report["groups"].append({"params": [names.get(id(p), "<a tensor that is not a parameter of the model>")
                                            for p in group["params"]],
                                 "lr": float(group.get("lr", float("nan"))),
                                 "weight_decay": float(group.get("weight_decay", float("nan")))})
    try:
        train(model, optimizer, x, y, steps)
    except Exception as exc:  # reported as data: which parameters were frozen tells more than the error
        report["train_error"] = f"{type(exc).__name__}: {exc}"[:300]
    report["after"] = {k: v.detach().clone() for k, v in model.state_dict().items()}
    return report
