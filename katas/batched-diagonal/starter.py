"""batched-diagonal: 배치에 든 행렬마다 대각 성분을 뷰(view)로 꺼내기.

채점하려면 `quizapp grade batched-diagonal <이 파일>`을 실행하세요.

batched-diagonal: the diagonal of every matrix in a batch, as a view.

Run `quizapp grade batched-diagonal <this file>`.
"""

import torch


def batch_diagonal(x: torch.Tensor, offset: int = 0) -> torch.Tensor:
    """x (..., N, M) -> (..., L): out[..., i] = x[..., i, i + offset] (offset < 0이면 i - offset).

    L은 그 대각선의 길이입니다(offset이 행렬 밖을 가리키면 0). x의 뷰를 돌려주세요.

    x (..., N, M) -> (..., L): out[..., i] = x[..., i, i + offset] (i - offset for offset < 0).

    L is the length of that diagonal (0 when offset lies outside the matrix). Return a view of x.
    """
    raise NotImplementedError
