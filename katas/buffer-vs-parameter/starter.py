"""buffer-vs-parameter: running 통계를 들고 있는 정규화 모듈, affine이 없는 BatchNorm과 비슷합니다.

BatchNorm 계층과 F.batch_norm은 쓸 수 없습니다.
채점하려면 `quizapp grade buffer-vs-parameter <이 파일>`을 실행하세요.

buffer-vs-parameter: a normaliser that keeps running statistics, like BatchNorm without affine.

BatchNorm layers and F.batch_norm are not allowed. Run `quizapp grade buffer-vs-parameter <this file>`.
"""

import torch
from torch import nn


class RunningNorm(nn.Module):
    def __init__(self, num_features: int, momentum: float = 0.1, eps: float = 1e-5):
        super().__init__()
        # TODO: running_mean(0으로 시작)과 running_var(1로 시작), 둘 다 모양 (num_features,)
        # TODO: running_mean (zeros) and running_var (ones), both of shape (num_features,)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: (N, num_features). 학습 모드: 배치 통계를 씁니다(그리고 running 통계를 갱신합니다).
        평가 모드: running 통계를 씁니다.

        x: (N, num_features). Train mode: batch statistics (and update the running ones);
        eval mode: the running statistics."""
        raise NotImplementedError
