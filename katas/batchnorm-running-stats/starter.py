"""batchnorm-running-stats: running 통계까지 갖추고 torch와 state_dict가 호환되는 BatchNorm1d.

입력은 (N, C) 또는 (N, C, L)입니다. 학습 모드에서는 배치 통계로 정규화하면서 running 통계를
갱신하고, 평가 모드에서는 running 통계로 정규화합니다. BatchNorm 계층, F.batch_norm,
torch.batch_norm은 쓸 수 없습니다.
채점하려면 `quizapp grade batchnorm-running-stats <이 파일>`을 실행하세요.

batchnorm-running-stats: BatchNorm1d with running statistics, state_dict-compatible with torch's.

Inputs are (N, C) or (N, C, L). Train mode normalises with the batch statistics and updates the
running ones; eval mode normalises with the running statistics. BatchNorm layers, F.batch_norm and
torch.batch_norm are not allowed.
Run `quizapp grade batchnorm-running-stats <this file>`.
"""

import torch
from torch import nn


class BatchNorm1d(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        # TODO: 파라미터 `weight`(1로 시작)와 `bias`(0으로 시작), 모양 (num_features,);
        # 버퍼 `running_mean`(0으로 시작), `running_var`(1로 시작), `num_batches_tracked`(0, torch.long).
        # TODO: parameters `weight` (ones) and `bias` (zeros), shape (num_features,);
        # buffers `running_mean` (zeros), `running_var` (ones), `num_batches_tracked` (0, torch.long).

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x는 (N, C) 또는 (N, C, L)이고, 통계는 채널(dim 1)마다 구합니다.
        # TODO: x is (N, C) or (N, C, L); statistics are per channel (dim 1).
        raise NotImplementedError
