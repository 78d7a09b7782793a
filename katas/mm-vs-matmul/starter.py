"""mm-vs-matmul: pick the most specific matrix-product operator for each shape.

Do not use the @ operator or torch.einsum. Run `quizapp grade mm-vs-matmul <this file>`.
"""

import torch


def project(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """(N, D) times (D, E) -> (N, E)."""
    raise NotImplementedError


def batch_project(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """(..., N, D) times (D, E) -> (..., N, E), for any number of leading dims."""
    raise NotImplementedError


def attention_scores(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """(B, T, D) and (B, S, D) -> (B, T, S): every query dotted with every key of its batch."""
    raise NotImplementedError


def similarity(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Two 1-D vectors of the same length -> a 0-dim tensor, their inner product."""
    raise NotImplementedError
