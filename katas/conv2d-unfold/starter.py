"""conv2d-unfold: a 2-D convolution as im2col (torch.nn.functional.unfold) plus one matrix product.

F.conv2d, torch.conv2d and the nn.Conv* layers are not allowed.
Run `quizapp grade conv2d-unfold <this file>`.
"""

import torch
import torch.nn.functional as F


def conv2d_unfold(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                  stride=1, padding=0) -> torch.Tensor:
    """x: (N, C, H, W); weight: (O, C, kh, kw); bias: (O,) or None.

    `stride` and `padding` are an int or an (int, int) pair. Return (N, O, H_out, W_out),
    the same as F.conv2d(x, weight, bias, stride=stride, padding=padding).
    """
    raise NotImplementedError
