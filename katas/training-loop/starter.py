"""training-loop: 기본적인 SGD 학습 루프.

채점하려면 `quizapp grade training-loop <이 파일>`을 실행하세요.

training-loop: a plain SGD training loop.

Run `quizapp grade training-loop <this file>`.
"""

import torch
import torch.nn.functional as F


def train(model: torch.nn.Module, data: torch.Tensor, targets: torch.Tensor, steps: int, lr: float) -> list:
    """MSE 손실로 전체 배치 SGD 스텝을 `steps`번 하고, 스텝마다의 손실을 파이썬 float으로 돌려줍니다.

    Run `steps` full-batch SGD steps on the MSE loss; return each step's loss as a Python float.
    """
    raise NotImplementedError
