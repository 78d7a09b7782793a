"""save-load-state-dict: 모델의 가중치를 체크포인트로 저장하고 다시 복원하기.

채점하려면 `quizapp grade save-load-state-dict <이 파일>`을 실행하세요.

save-load-state-dict: checkpoint a model's weights and restore them.

Run `quizapp grade save-load-state-dict <this file>`.
"""

import torch


def save(model: torch.nn.Module, path: str) -> None:
    """모델의 가중치(파라미터와 버퍼)를 `path`에 씁니다.

    Write the model's weights (parameters and buffers) to `path`.
    """
    raise NotImplementedError


def load(model_factory, path: str) -> torch.nn.Module:
    """model_factory()로 새 모델을 만들고, `path`에 저장된 가중치를 그 모델에 복원해 돌려줍니다.

    Build a new model with model_factory(), restore the weights saved at `path` into it, return it.
    """
    raise NotImplementedError
