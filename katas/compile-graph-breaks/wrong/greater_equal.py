# expect: outputs
# One clean graph, but keeps elements equal to the threshold too (>= instead of >).
import torch


def fused(x, threshold):
    mean_abs = x.abs().mean()
    x = torch.where(mean_abs > 1.0, x / mean_abs, x)
    mask = x >= threshold
    out = torch.where(mask, x - threshold, torch.zeros_like(x))
    return out / mask.sum().clamp(min=1)
