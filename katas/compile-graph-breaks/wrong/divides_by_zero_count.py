# expect: outputs
# Folds both branches into one expression but divides by mask.sum() as is: 0/0 = NaN when nothing is kept.
import torch


def fused(x, threshold):
    mean_abs = x.abs().mean()
    x = torch.where(mean_abs > 1.0, x / mean_abs, x)
    mask = x > threshold
    out = torch.where(mask, x - threshold, torch.zeros_like(x))
    return out / mask.sum()
