# expect: forbidden
# Follows the warning's advice and turns on capture_scalar_outputs instead of removing the .item() and the branch.
import torch
import torch._dynamo

torch._dynamo.config.capture_scalar_outputs = True


def fused(x, threshold):
    mean_abs = x.abs().mean().item()
    if mean_abs > 1.0:
        x = x / mean_abs
    mask = x > threshold
    out = torch.where(mask, x - threshold, torch.zeros_like(x))
    return out / mask.sum().clamp(min=1)
