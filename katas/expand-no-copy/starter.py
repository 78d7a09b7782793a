"""expand-no-copy: repeat a tensor along a new dim without copying a single element.

Run `quizapp grade expand-no-copy <this file>`.
"""

import torch


def broadcast_rows(v: torch.Tensor, n: int) -> torch.Tensor:
    """v of shape (D,) or (1, D) -> (n, D), every row equal to v; a view of v, not a copy."""
    raise NotImplementedError


def repeat_for_batch(x: torch.Tensor, batch: int) -> torch.Tensor:
    """x of any shape S -> (batch, *S), every entry along dim 0 equal to x; a view of x, not a copy."""
    raise NotImplementedError
