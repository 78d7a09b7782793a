"""argmax-2d: 가장 큰 원소의 (행, 열)을 행렬 하나에서, 그리고 배치에서 구하기.

채점하려면 `quizapp grade argmax-2d <이 파일>`을 실행하세요.

argmax-2d: the (row, column) of the largest entry, for one matrix and for a batch.

Run `quizapp grade argmax-2d <this file>`.
"""

import torch


def argmax_2d(m: torch.Tensor) -> torch.Tensor:
    """m (H, W) -> 가장 큰 원소의 [행, 열]을 담은 int64 텐서 (동점이면 행 우선 순서로 처음 나오는 것).

    m (H, W) -> int64 tensor [row, col] of its largest entry (the first one in row-major order on ties).
    """
    raise NotImplementedError


def batch_argmax_2d(x: torch.Tensor) -> torch.Tensor:
    """x (B, H, W) -> int64 텐서 (B, 2): 각 x[b]에서 가장 큰 원소의 [행, 열].

    x (B, H, W) -> int64 tensor (B, 2): [row, col] of the largest entry of each x[b].
    """
    raise NotImplementedError
