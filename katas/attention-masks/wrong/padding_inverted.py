# expect: outputs
# Reads the padding mask the SDPA way (True = attend) and hides the real keys instead of the padding.
import math

import torch


def attention(q, k, v, causal=False, key_padding_mask=None):
    L, S = q.size(-2), k.size(-2)
    scores = q @ k.mT / math.sqrt(q.size(-1))
    if causal:
        scores = scores.masked_fill(~torch.ones(L, S, dtype=torch.bool, device=q.device).tril(), float("-inf"))
    if key_padding_mask is not None:
        scores = scores.masked_fill(~key_padding_mask.unsqueeze(-2), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
