# expect: outputs
# Drops the condition on the rescale: small inputs get blown up to a mean |x| of 1.
import torch


def fused(x, threshold):
    x = x / x.abs().mean()
    mask = x > threshold
    out = torch.where(mask, x - threshold, torch.zeros_like(x))
    return out / mask.sum().clamp(min=1)
