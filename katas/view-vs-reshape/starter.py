"""view-vs-reshape: 마지막 두 차원을 합치되, 메모리 배치가 허락하면 언제나 뷰로.

채점하려면 `quizapp grade view-vs-reshape <이 파일>`을 실행하세요.

view-vs-reshape: merge the last two dims, as a view whenever the memory layout allows it.

Run `quizapp grade view-vs-reshape <this file>`.
"""

import torch


def merge_last_two(x: torch.Tensor) -> torch.Tensor:
    """x (..., A, B) -> (..., A * B), 각 (A, B) 행렬 안에서는 행 우선 순서.

    stride가 허락하면 x의 뷰를 돌려주고, 그렇지 않으면 올바른 결과(복사본)를 돌려주세요.

    x (..., A, B) -> (..., A * B), row-major within each (A, B) matrix.

    Return a view of x when its strides allow one; otherwise return a correct result (a copy).
    """
    raise NotImplementedError
