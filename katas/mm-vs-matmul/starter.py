"""mm-vs-matmul: 모양마다 가장 구체적인 행렬 곱 연산자 고르기.

@ 연산자와 torch.einsum은 쓰지 마세요. 채점하려면 `quizapp grade mm-vs-matmul <이 파일>`을 실행하세요.

mm-vs-matmul: pick the most specific matrix-product operator for each shape.

Do not use the @ operator or torch.einsum. Run `quizapp grade mm-vs-matmul <this file>`.
"""

import torch


def project(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """(N, D)와 (D, E)의 곱 -> (N, E).

    (N, D) times (D, E) -> (N, E).
    """
    raise NotImplementedError


def batch_project(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """(..., N, D)와 (D, E)의 곱 -> (..., N, E). 앞쪽 차원은 몇 개든 됩니다.

    (..., N, D) times (D, E) -> (..., N, E), for any number of leading dims.
    """
    raise NotImplementedError


def attention_scores(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """(B, T, D)와 (B, S, D) -> (B, T, S): 배치마다 모든 쿼리와 그 배치의 모든 키의 내적.

    (B, T, D) and (B, S, D) -> (B, T, S): every query dotted with every key of its batch.
    """
    raise NotImplementedError


def similarity(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """길이가 같은 1차원 벡터 두 개 -> 두 벡터의 내적인 0차원 텐서.

    Two 1-D vectors of the same length -> a 0-dim tensor, their inner product.
    """
    raise NotImplementedError
