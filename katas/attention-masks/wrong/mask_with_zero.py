# expect: outputs
# Multiplies the scores by the mask (hidden scores become 0): exp(0) = 1 still gives them weight.
import math

import torch


def attention(q, k, v, causal=False, key_padding_mask=None):
    L, S = q.size(-2), k.size(-2)
    scores = q @ k.mT / math.sqrt(q.size(-1))
    if causal:
        scores = scores * torch.ones(L, S, device=q.device).tril()
    if key_padding_mask is not None:
        scores = scores * (~key_padding_mask).unsqueeze(-2)
    return torch.softmax(scores, dim=-1) @ v
