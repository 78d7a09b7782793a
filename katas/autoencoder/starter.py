"""autoencoder: compress the input to a small code and rebuild it from that code.

Run `quizapp grade autoencoder <this file>`.
"""

import torch
from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self, in_features: int, bottleneck: int):
        super().__init__()
        # TODO: an encoder (in_features -> ... -> bottleneck) and a decoder (bottleneck -> ... -> in_features)

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """(B, in_features) -> (B, bottleneck)."""
        raise NotImplementedError

    def decode(self, code: torch.Tensor) -> torch.Tensor:
        """(B, bottleneck) -> (B, in_features)."""
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """The reconstruction of x: decode(encode(x))."""
        raise NotImplementedError
