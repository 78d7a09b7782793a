"""Runs in the submission's process: tabulate lr_at, and drive StepDecay with a real optimizer."""

import torch


def lr_table(submission, epochs, base_lr, step_size, gamma=None):
    if gamma is None:
        return [submission.lr_at(e, base_lr, step_size) for e in range(epochs)]
    return [submission.lr_at(e, base_lr, step_size, gamma) for e in range(epochs)]


def run_scheduler(submission, lrs, epochs, step_size, gamma=None):
    """One SGD param group per entry of lrs; record every group's lr at the start of each epoch."""
    params = [torch.zeros(2, requires_grad=True) for _ in lrs]
    optimizer = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)], lr=lrs[0])
    if gamma is None:
        scheduler = submission.StepDecay(optimizer, step_size)
    else:
        scheduler = submission.StepDecay(optimizer, step_size, gamma)
    groups, reported = [], []
    for _ in range(epochs):
        groups.append([g["lr"] for g in optimizer.param_groups])
        last = scheduler.get_last_lr()
        reported.append(list(last) if isinstance(last, (list, tuple)) else last)
        for p in params:  # one training step's worth of work
            p.grad = torch.ones_like(p)
        optimizer.step()
        scheduler.step()
    return {"groups": groups, "reported": reported}
