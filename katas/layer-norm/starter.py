"""layer-norm: nn.LayerNorm을 처음부터 직접 만들기.

F.layer_norm, nn.LayerNorm, torch.layer_norm(그리고 group norm 함수들)은 쓸 수 없습니다.
채점하려면 `quizapp grade layer-norm <이 파일>`을 실행하세요.

layer-norm: nn.LayerNorm from scratch.

F.layer_norm, nn.LayerNorm, torch.layer_norm (and the group-norm functions) are not allowed.
Run `quizapp grade layer-norm <this file>`.
"""

import torch
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape: int | tuple[int, ...], eps: float = 1e-5,
                 elementwise_affine: bool = True):
        super().__init__()
        # TODO: normalized_shape를 튜플로 저장하세요. elementwise_affine이면 모양이 normalized_shape인
        # `weight`(1로 시작)와 `bias`(0으로 시작)를 등록하고, 아니면 둘 다 None입니다.
        # TODO: keep normalized_shape as a tuple; with elementwise_affine, register `weight` (ones)
        # and `bias` (zeros) of shape normalized_shape; otherwise both are None.

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: x의 마지막 len(normalized_shape)개 차원에 걸쳐 정규화합니다.
        # TODO: normalise over the last len(normalized_shape) dims of x.
        raise NotImplementedError
