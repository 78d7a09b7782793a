"""custom-linear: 완전 연결 계층을 직접 만들기.

nn.Linear와 torch.nn.functional.linear는 쓸 수 없습니다.
채점하려면 `quizapp grade custom-linear <이 파일>`을 실행하세요.

custom-linear: write your own fully connected layer.

nn.Linear and torch.nn.functional.linear are not allowed.
Run `quizapp grade custom-linear <this file>`.
"""

import torch
from torch import nn


class CustomLinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, bias: bool = True):
        super().__init__()
        # TODO: `weight` (out_features, in_features)와 `bias` (out_features,)를 파라미터로 등록하세요.
        # bias=False이면 `self.bias`는 None이어야 합니다.
        # TODO: register `weight` (out_features, in_features) and `bias` (out_features,) as parameters;
        # with bias=False, `self.bias` must be None.

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x의 모양은 (*, in_features)이고, 모양 (*, out_features)를 돌려줍니다.
        # TODO: x has shape (*, in_features); return shape (*, out_features).
        raise NotImplementedError
