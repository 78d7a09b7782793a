"""max-pool: 2-D max pooling without the library's pooling ops.

F.max_pool2d, nn.MaxPool2d and the other max-pooling ops are not allowed.
Run `quizapp grade max-pool <this file>`.
"""

import torch
import torch.nn.functional as F


def max_pool2d(x: torch.Tensor, kernel_size, stride=None, padding=0) -> torch.Tensor:
    """x: (N, C, H, W). Return (N, C, H_out, W_out), as F.max_pool2d(x, kernel_size, stride, padding).

    `kernel_size`, `stride` and `padding` are an int or a (height, width) pair; `stride=None`
    means "the same as kernel_size". Padded positions never win the max.
    """
    raise NotImplementedError
