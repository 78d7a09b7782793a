# expect: add_positions works on any device
# Sets the dtype of the position table but not its device: it is always built on the CPU.
import math

import torch


def add_positions(x):
    t, d = x.shape[-2], x.shape[-1]
    pos = torch.arange(t, dtype=x.dtype).unsqueeze(-1)
    k = torch.div(torch.arange(d), 2, rounding_mode="floor").to(x.dtype)
    angles = pos * torch.exp(k * (-2.0 * math.log(10000.0) / d))
    table = torch.where(torch.arange(d) % 2 == 0, torch.sin(angles), torch.cos(angles))
    return x + table


def mask_future(scores):
    t = scores.shape[-1]
    mask = torch.ones(t, t, dtype=torch.bool, device=scores.device).triu(1)
    return scores.masked_fill(mask, float("-inf"))
