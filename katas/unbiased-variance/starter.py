"""unbiased-variance: the sample variance along one dim, without torch.var or torch.std.

Run `quizapp grade unbiased-variance <this file>`.
"""

import torch


def variance(x: torch.Tensor, dim: int, keepdim: bool = False) -> torch.Tensor:
    """Unbiased variance of x along `dim` (divide by n - 1); keep `dim` as size 1 when keepdim=True."""
    raise NotImplementedError
