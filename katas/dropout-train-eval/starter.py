"""dropout-train-eval: 학습 모드와 평가 모드를 구분하는 드롭아웃.

학습 모드에서는 원소마다 확률 p로 0을 만들고 살아남은 원소에 1 / (1 - p)를 곱합니다.
평가 모드에서는 입력을 그대로 돌려줍니다. F.dropout, nn.Dropout을 비롯한 torch의 드롭아웃
계열 함수와 계층은 쓸 수 없습니다.
채점하려면 `quizapp grade dropout-train-eval <이 파일>`을 실행하세요.

dropout-train-eval: dropout that knows train mode from eval mode.

In train mode, zero each element with probability p and scale the survivors by 1 / (1 - p);
in eval mode, return the input unchanged. F.dropout, nn.Dropout and the rest of torch's dropout
family are not allowed.
Run `quizapp grade dropout-train-eval <this file>`.
"""

import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        # TODO: p를 저장하고, p가 [0, 1] 밖이면 ValueError를 발생시키세요.
        # TODO: keep p; raise ValueError when p is outside [0, 1].

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # TODO: self.training으로 학습 모드(model.train())와 평가 모드(model.eval())를 구분합니다.
        # TODO: self.training tells train mode (model.train()) from eval mode (model.eval()).
        raise NotImplementedError
