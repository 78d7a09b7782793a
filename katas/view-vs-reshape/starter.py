"""view-vs-reshape: merge the last two dims, as a view whenever the memory layout allows it.

Run `quizapp grade view-vs-reshape <this file>`.
"""

import torch


def merge_last_two(x: torch.Tensor) -> torch.Tensor:
    """x (..., A, B) -> (..., A * B), row-major within each (A, B) matrix.

    Return a view of x when its strides allow one; otherwise return a correct result (a copy).
    """
    raise NotImplementedError
