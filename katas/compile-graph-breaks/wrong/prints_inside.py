# expect: one graph, no graph breaks (torch._dynamo.explain)
# Correct values, but keeps a debugging print inside the function.
import torch


def fused(x, threshold):
    mean_abs = x.abs().mean()
    x = torch.where(mean_abs > 1.0, x / mean_abs, x)
    mask = x > threshold
    print("kept", mask.sum())
    out = torch.where(mask, x - threshold, torch.zeros_like(x))
    return out / mask.sum().clamp(min=1)
