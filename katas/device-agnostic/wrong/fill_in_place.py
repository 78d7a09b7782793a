# expect: mask_future leaves its input alone
# Uses masked_fill_, which overwrites the caller's scores.
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
    mask = torch.ones(t, t, dtype=torch.bool, device=scores.device).triu(1)
    return scores.masked_fill_(mask, float("-inf"))
