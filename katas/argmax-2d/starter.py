"""argmax-2d: the (row, column) of the largest entry, for one matrix and for a batch.

Run `quizapp grade argmax-2d <this file>`.
"""

import torch


def argmax_2d(m: torch.Tensor) -> torch.Tensor:
    """m (H, W) -> int64 tensor [row, col] of its largest entry (the first one in row-major order on ties)."""
    raise NotImplementedError


def batch_argmax_2d(x: torch.Tensor) -> torch.Tensor:
    """x (B, H, W) -> int64 tensor (B, 2): [row, col] of the largest entry of each x[b]."""
    raise NotImplementedError
