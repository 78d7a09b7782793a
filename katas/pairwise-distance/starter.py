"""pairwise-distance: 두 점 집합 사이의 모든 유클리드 거리를 벡터화해서 구하기.

torch.cdist와 torch.nn.functional.pairwise_distance는 쓸 수 없습니다.
채점하려면 `quizapp grade pairwise-distance <이 파일>`을 실행하세요.

pairwise-distance: every Euclidean distance between two point sets, vectorised.

torch.cdist and torch.nn.functional.pairwise_distance are not allowed.
Run `quizapp grade pairwise-distance <this file>`.
"""

import torch


def pairwise_distance(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """a (N, D), b (M, D) -> (N, M): out[i, j] = ||a[i] - b[j]||_2, 점을 도는 파이썬 반복문 없이.

    a (N, D), b (M, D) -> (N, M): out[i, j] = ||a[i] - b[j]||_2, with no Python loops over points.
    """
    raise NotImplementedError
