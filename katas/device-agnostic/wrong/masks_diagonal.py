# expect: mask_future matches the reference
# Masks with triu() and no offset, which hides the diagonal too: a position can no longer see itself.
import math

import torch


def add_positions(x):
    t, d = x.shape[-2], x.shape[-1]
    pos = torch.arange(t, device=x.device, dtype=x.dtype).unsqueeze(-1)
    k = torch.div(torch.arange(d, device=x.device), 2, rounding_mode="floor").to(x.dtype)
    angles = pos * torch.exp(k * (-2.0 * math.log(10000.0) / d))
    even = torch.arange(d, device=x.device) % 2 == 0
    return x + torch.where(even, torch.sin(angles), torch.cos(angles))


def mask_future(scores):
    t = scores.shape[-1]
    mask = torch.ones(t, t, dtype=torch.bool, device=scores.device).triu()
    return scores.masked_fill(mask, float("-inf"))
