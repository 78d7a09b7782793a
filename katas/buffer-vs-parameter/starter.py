"""buffer-vs-parameter: a normaliser that keeps running statistics, like BatchNorm without affine.

BatchNorm layers and F.batch_norm are not allowed. Run `quizapp grade buffer-vs-parameter <this file>`.
"""

import torch
from torch import nn


class RunningNorm(nn.Module):
    def __init__(self, num_features: int, momentum: float = 0.1, eps: float = 1e-5):
        super().__init__()
        # TODO: running_mean (zeros) and running_var (ones), both of shape (num_features,)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: (N, num_features). Train mode: batch statistics (and update the running ones);
        eval mode: the running statistics."""
        raise NotImplementedError
