"""expand-no-copy: 원소를 하나도 복사하지 않고 새 차원을 따라 텐서를 반복하기.

채점하려면 `quizapp grade expand-no-copy <이 파일>`을 실행하세요.

expand-no-copy: repeat a tensor along a new dim without copying a single element.

Run `quizapp grade expand-no-copy <this file>`.
"""

import torch


def broadcast_rows(v: torch.Tensor, n: int) -> torch.Tensor:
    """모양 (D,) 또는 (1, D)인 v -> 모든 행이 v인 (n, D). 복사본이 아니라 v의 뷰입니다.

    v of shape (D,) or (1, D) -> (n, D), every row equal to v; a view of v, not a copy.
    """
    raise NotImplementedError


def repeat_for_batch(x: torch.Tensor, batch: int) -> torch.Tensor:
    """모양이 S인 x -> 0번 차원의 모든 항목이 x인 (batch, *S). 복사본이 아니라 x의 뷰입니다.

    x of any shape S -> (batch, *S), every entry along dim 0 equal to x; a view of x, not a copy.
    """
    raise NotImplementedError
