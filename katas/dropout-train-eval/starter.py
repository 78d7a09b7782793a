"""dropout-train-eval: dropout that knows train mode from eval mode.

In train mode, zero each element with probability p and scale the survivors by 1 / (1 - p);
in eval mode, return the input unchanged. F.dropout, nn.Dropout and the rest of torch's dropout
family are not allowed.
Run `quizapp grade dropout-train-eval <this file>`.
"""

import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        # TODO: keep p; raise ValueError when p is outside [0, 1].

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: self.training tells train mode (model.train()) from eval mode (model.eval()).
        raise NotImplementedError
