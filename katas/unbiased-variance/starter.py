"""unbiased-variance: torch.var나 torch.std 없이 한 차원을 따라 구하는 표본 분산.

채점하려면 `quizapp grade unbiased-variance <이 파일>`을 실행하세요.

unbiased-variance: the sample variance along one dim, without torch.var or torch.std.

Run `quizapp grade unbiased-variance <this file>`.
"""

import torch


def variance(x: torch.Tensor, dim: int, keepdim: bool = False) -> torch.Tensor:
    """`dim`을 따라 구한 x의 불편 분산(n - 1로 나눔). keepdim=True이면 `dim`을 크기 1로 남깁니다.

    Unbiased variance of x along `dim` (divide by n - 1); keep `dim` as size 1 when keepdim=True.
    """
    raise NotImplementedError
