# expect: forbidden
# Moves the mask to the GPU with .cuda(), which breaks on every other device (and on machines without one).
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
    mask = torch.triu(torch.ones(t, t), diagonal=1).bool().cuda()
    return scores.masked_fill(mask, float("-inf"))
