# expect: outputs
# Aligns the causal mask bottom-right (the last query sees every key) instead of top-left like SDPA.
import math

import torch


def attention(q, k, v, causal=False, key_padding_mask=None):
    L, S = q.size(-2), k.size(-2)
    scores = q @ k.mT / math.sqrt(q.size(-1))
    if causal:
        keep = torch.ones(L, S, dtype=torch.bool, device=q.device).tril(diagonal=S - L)
        scores = scores.masked_fill(~keep, float("-inf"))
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask.unsqueeze(-2), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
