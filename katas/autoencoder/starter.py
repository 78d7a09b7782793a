"""autoencoder: 입력을 작은 코드로 압축하고, 그 코드에서 입력을 다시 만들기.

채점하려면 `quizapp grade autoencoder <이 파일>`을 실행하세요.

autoencoder: compress the input to a small code and rebuild it from that code.

Run `quizapp grade autoencoder <this file>`.
"""

import torch
from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self, in_features: int, bottleneck: int):
        super().__init__()
        # TODO: 인코더 (in_features -> ... -> bottleneck)와 디코더 (bottleneck -> ... -> in_features)
        # TODO: an encoder (in_features -> ... -> bottleneck) and a decoder (bottleneck -> ... -> in_features)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """(B, in_features) -> (B, bottleneck)."""
        raise NotImplementedError

    def decode(self, code: torch.Tensor) -> torch.Tensor:
        """(B, bottleneck) -> (B, in_features)."""
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x의 재구성 결과: decode(encode(x)).

        The reconstruction of x: decode(encode(x)).
        """
        raise NotImplementedError
