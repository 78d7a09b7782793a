# expect: device
# Builds the causal mask without a device: it lives on the CPU whatever device q is on.
import math

import torch


def attention(q, k, v, causal=False, key_padding_mask=None):
    L, S = q.size(-2), k.size(-2)
    scores = q @ k.mT / math.sqrt(q.size(-1))
    if causal:
        scores = scores.masked_fill(~torch.tril(torch.ones(L, S, dtype=torch.bool)), float("-inf"))
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask.unsqueeze(-2), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
