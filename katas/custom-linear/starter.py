"""custom-linear: write your own fully connected layer.

nn.Linear and torch.nn.functional.linear are not allowed.
Run `quizapp grade custom-linear <this file>`.
"""

import torch
from torch import nn


class CustomLinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, bias: bool = True):
        super().__init__()
        # TODO: register `weight` (out_features, in_features) and `bias` (out_features,) as parameters;
        # with bias=False, `self.bias` must be None.

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x has shape (*, in_features); return shape (*, out_features).
        raise NotImplementedError
