"""mlp-two-ways: 같은 다층 퍼셉트론을 nn.Sequential로, 그리고 nn.Module 하위 클래스로 만들기.

채점하려면 `quizapp grade mlp-two-ways <이 파일>`을 실행하세요.

mlp-two-ways: the same multilayer perceptron as an nn.Sequential and as an nn.Module subclass.

Run `quizapp grade mlp-two-ways <this file>`.
"""

import torch
from torch import nn


def make_sequential(sizes: list[int]) -> nn.Sequential:
    """sizes = [d0, d1, ..., dk]: Linear(d0, d1), ReLU, Linear(d1, d2), ReLU, ..., Linear(dk-1, dk)."""
    raise NotImplementedError


class MLP(nn.Module):
    """make_sequential(sizes)와 같은 네트워크이며, state_dict 키도 정확히 같습니다.

    The same network as make_sequential(sizes), with exactly the same state_dict keys.
    """

    def __init__(self, sizes: list[int]):
        super().__init__()
        # TODO

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
