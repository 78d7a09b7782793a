"""conv2d-unfold: im2col(torch.nn.functional.unfold)과 행렬 곱 한 번으로 만드는 2차원 합성곱.

F.conv2d, torch.conv2d, nn.Conv* 계층은 쓸 수 없습니다.
채점하려면 `quizapp grade conv2d-unfold <이 파일>`을 실행하세요.

conv2d-unfold: a 2-D convolution as im2col (torch.nn.functional.unfold) plus one matrix product.

F.conv2d, torch.conv2d and the nn.Conv* layers are not allowed.
Run `quizapp grade conv2d-unfold <this file>`.
"""

import torch
import torch.nn.functional as F


def conv2d_unfold(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                  stride=1, padding=0) -> torch.Tensor:
    """x: (N, C, H, W); weight: (O, C, kh, kw); bias: (O,) 또는 None.

    `stride`와 `padding`은 정수 하나 또는 (int, int) 쌍입니다. (N, O, H_out, W_out)을 돌려주며,
    F.conv2d(x, weight, bias, stride=stride, padding=padding)와 같은 결과여야 합니다.

    x: (N, C, H, W); weight: (O, C, kh, kw); bias: (O,) or None.

    `stride` and `padding` are an int or an (int, int) pair. Return (N, O, H_out, W_out),
    the same as F.conv2d(x, weight, bias, stride=stride, padding=padding).
    """
    raise NotImplementedError
