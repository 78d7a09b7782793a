# expect: forbidden
# "Fixes" the breaks by telling the compiler to skip the function.
import torch


@torch.compiler.disable
def fused(x, threshold):
    mean_abs = x.abs().mean().item()
    if mean_abs > 1.0:
        x = x / mean_abs
    mask = x > threshold
    if mask.any():
        return torch.where(mask, x - threshold, torch.zeros_like(x)) / mask.sum()
    return torch.zeros_like(x)
