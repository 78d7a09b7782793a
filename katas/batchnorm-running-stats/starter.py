"""batchnorm-running-stats: BatchNorm1d with running statistics, state_dict-compatible with torch's.

Inputs are (N, C) or (N, C, L). Train mode normalises with the batch statistics and updates the
running ones; eval mode normalises with the running statistics. BatchNorm layers, F.batch_norm and
torch.batch_norm are not allowed.
Run `quizapp grade batchnorm-running-stats <this file>`.
"""

import torch
from torch import nn


class BatchNorm1d(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        # TODO: parameters `weight` (ones) and `bias` (zeros), shape (num_features,);
        # buffers `running_mean` (zeros), `running_var` (ones), `num_batches_tracked` (0, torch.long).

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x is (N, C) or (N, C, L); statistics are per channel (dim 1).
        raise NotImplementedError
