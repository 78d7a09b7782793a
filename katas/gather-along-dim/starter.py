"""gather-along-dim: pick one entry per position along a chosen dim with torch.gather.

Run `quizapp grade gather-along-dim <this file>`.
"""

import torch


def pick_scores(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """scores (N, C), labels (N,) int64 in [0, C) -> (N,): out[i] = scores[i, labels[i]]."""
    raise NotImplementedError


def take_along(x: torch.Tensor, index: torch.Tensor, dim: int) -> torch.Tensor:
    """index has x's shape without `dim`; out[p] = x at position p with index[p] inserted at `dim`.

    `dim` may be negative. The result has the shape of `index`.
    """
    raise NotImplementedError
