"""inference-no-grad: 모델을 올바른 방법으로 추론에 쓰기.

채점하려면 `quizapp grade inference-no-grad <이 파일>`을 실행하세요.

inference-no-grad: run a model for inference the right way.

Run `quizapp grade inference-no-grad <this file>`.
"""

import torch


def predict(model: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    """평가 모드에서 autograd 그래프 없이 구한 x에 대한 모델의 출력. 모델은 평가 모드로 남겨 두세요.

    The model's output for x in evaluation mode, with no autograd graph; leave the model in eval mode.
    """
    raise NotImplementedError
