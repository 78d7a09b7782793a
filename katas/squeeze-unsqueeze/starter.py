"""squeeze-unsqueeze: 크기 1인 차원을 넣고 빼서 브로드캐스팅이 되게 모양 맞추기.

채점하려면 `quizapp grade squeeze-unsqueeze <이 파일>`을 실행하세요.

squeeze-unsqueeze: line shapes up for broadcasting by adding and removing size-1 dims.

Run `quizapp grade squeeze-unsqueeze <this file>`.
"""

import torch


def center_rows(x: torch.Tensor, col_bias: torch.Tensor) -> torch.Tensor:
    """x (B, N), col_bias (N,) -> (B, N): out[b, n] = x[b, n] - mean(x[b, :]) + col_bias[n]."""
    raise NotImplementedError


def outer_difference(a: torch.Tensor) -> torch.Tensor:
    """a (N,) -> (N, N): out[i, j] = a[i] - a[j]."""
    raise NotImplementedError


def drop_channel(x: torch.Tensor) -> torch.Tensor:
    """x (B, 1, H, W) -> (B, H, W): 채널 차원만 없애고 나머지는 그대로 둡니다.

    x (B, 1, H, W) -> (B, H, W): remove the channel dim and nothing else.
    """
    raise NotImplementedError
