# expect: outputs
# Builds the causal mask with triu(0) and hides it: the diagonal is hidden too, so query i cannot see key i.
import math

import torch


def attention(q, k, v, causal=False, key_padding_mask=None):
    L, S = q.size(-2), k.size(-2)
    scores = q @ k.mT / math.sqrt(q.size(-1))
    if causal:
        future = torch.ones(L, S, dtype=torch.bool, device=q.device).triu()
        scores = scores.masked_fill(future, float("-inf"))
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask.unsqueeze(-2), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
