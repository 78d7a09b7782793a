# expect: one graph, no graph breaks (torch._dynamo.explain)
# Counts the kept elements with boolean indexing: x[mask] has a data-dependent shape (a break).
import torch


def fused(x, threshold):
    mean_abs = x.abs().mean()
    x = torch.where(mean_abs > 1.0, x / mean_abs, x)
    mask = x > threshold
    kept = x[mask]
    out = torch.where(mask, x - threshold, torch.zeros_like(x))
    return out / max(kept.numel(), 1)
