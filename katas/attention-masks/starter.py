"""attention-masks: scaled dot-product attention with a causal mask and a key padding mask.

q: (..., L, E), k: (..., S, E), v: (..., S, Ev)  ->  (..., L, Ev)
key_padding_mask: bool (..., S), True = padding: that key is ignored by every query.
F.scaled_dot_product_attention and nn.MultiheadAttention are not allowed.
Run `quizapp grade attention-masks <this file>`.
"""

import torch


def attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, causal: bool = False,
              key_padding_mask: torch.Tensor | None = None) -> torch.Tensor:
    """softmax(q kᵀ / sqrt(E) + mask) v, with query i seeing keys <= i when causal."""
    raise NotImplementedError
