"""pairwise-distance: every Euclidean distance between two point sets, vectorised.

torch.cdist and torch.nn.functional.pairwise_distance are not allowed.
Run `quizapp grade pairwise-distance <this file>`.
"""

import torch


def pairwise_distance(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """a (N, D), b (M, D) -> (N, M): out[i, j] = ||a[i] - b[j]||_2, with no Python loops over points."""
    raise NotImplementedError
