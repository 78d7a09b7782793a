"""mlp-two-ways: the same multilayer perceptron as an nn.Sequential and as an nn.Module subclass.

Run `quizapp grade mlp-two-ways <this file>`.
"""

import torch
from torch import nn


def make_sequential(sizes: list[int]) -> nn.Sequential:
    """sizes = [d0, d1, ..., dk]: Linear(d0, d1), ReLU, Linear(d1, d2), ReLU, ..., Linear(dk-1, dk)."""
    raise NotImplementedError


class MLP(nn.Module):
    """The same network as make_sequential(sizes), with exactly the same state_dict keys."""

    def __init__(self, sizes: list[int]):
        super().__init__()
        # TODO

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
