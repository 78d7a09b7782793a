"""Reference solution for attention-masks (read only by the grader).

Written out by hand (the reference is graded like a submission by the authoring lint, so it obeys the
kata's forbidden list); cases.py checks it against F.scaled_dot_product_attention on every case.
"""

import math

import torch


def attention(q, k, v, causal=False, key_padding_mask=None):
    L, S = q.size(-2), k.size(-2)
    scores = (q @ k.mT) / math.sqrt(q.size(-1))
    if causal:
        hidden = torch.ones(L, S, dtype=torch.bool, device=q.device).tril().logical_not()
        scores = scores.masked_fill(hidden, float("-inf"))
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask.unsqueeze(-2), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
