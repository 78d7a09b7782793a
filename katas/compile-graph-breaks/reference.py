"""Reference solution for compile-graph-breaks (read only by the grader)."""

import torch


def original(x, threshold):
    """The function with graph breaks that the kata starts from (kept here to test against)."""
    mean_abs = x.abs().mean().item()
    if mean_abs > 1.0:
        x = x / mean_abs
    print(f"mean |x| = {mean_abs:.3f}")
    mask = x > threshold
    if mask.any():
        out = torch.where(mask, x - threshold, torch.zeros_like(x))
        return out / mask.sum()
    return torch.zeros_like(x)


def fused(x, threshold):
    mean_abs = x.abs().mean()
    x = torch.where(mean_abs > 1.0, x / mean_abs, x)
    mask = x > threshold
    out = torch.where(mask, x - threshold, torch.zeros_like(x))
    return out / mask.sum().clamp(min=1)
