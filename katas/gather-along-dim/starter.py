"""gather-along-dim: torch.gather로, 고른 차원을 따라 위치마다 원소 하나씩 뽑기.

채점하려면 `quizapp grade gather-along-dim <이 파일>`을 실행하세요.

gather-along-dim: pick one entry per position along a chosen dim with torch.gather.

Run `quizapp grade gather-along-dim <this file>`.
"""

import torch


def pick_scores(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """scores (N, C), labels (N,) [0, C) 범위의 int64 -> (N,): out[i] = scores[i, labels[i]].

    scores (N, C), labels (N,) int64 in [0, C) -> (N,): out[i] = scores[i, labels[i]].
    """
    raise NotImplementedError


def take_along(x: torch.Tensor, index: torch.Tensor, dim: int) -> torch.Tensor:
    """index의 모양은 x의 모양에서 `dim`을 뺀 것입니다. out[p]는 위치 p의 `dim` 자리에 index[p]를
    끼워 넣은 위치의 x 값입니다.

    `dim`은 음수일 수 있습니다. 결과는 `index`와 모양이 같습니다.

    index has x's shape without `dim`; out[p] = x at position p with index[p] inserted at `dim`.

    `dim` may be negative. The result has the shape of `index`.
    """
    raise NotImplementedError
