"""layer-norm: nn.LayerNorm from scratch.

F.layer_norm, nn.LayerNorm, torch.layer_norm (and the group-norm functions) are not allowed.
Run `quizapp grade layer-norm <this file>`.
"""

import torch
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape: int | tuple[int, ...], eps: float = 1e-5,
                 elementwise_affine: bool = True):
        super().__init__()
        # TODO: keep normalized_shape as a tuple; with elementwise_affine, register `weight` (ones)
        # and `bias` (zeros) of shape normalized_shape; otherwise both are None.

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: normalise over the last len(normalized_shape) dims of x.
        raise NotImplementedError
