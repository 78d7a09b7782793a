"""freeze-backbone: 사전 학습된 모델을 헤드만 파인튜닝하도록 준비하기.

`model.backbone`의 모든 파라미터를 얼리고 그 BatchNorm 통계는 고정하세요(평가 모드).
헤드 `getattr(model, head_name)`은 학습 가능하고 학습 모드인 채로 두고, 학습되는 파라미터만
담은 AdamW 옵티마이저를 돌려주세요.

채점하려면 `quizapp grade freeze-backbone <이 파일>`을 실행하세요.

freeze-backbone: prepare a pretrained model for fine-tuning only its head.

Freeze every parameter of `model.backbone`, keep its BatchNorm statistics fixed (eval mode),
leave the head `getattr(model, head_name)` trainable and in training mode, and return an AdamW
optimizer over the trainable parameters only.

Run `quizapp grade freeze-backbone <this file>`.
"""

import torch
from torch import nn


def prepare_finetune(model: nn.Module, head_name: str = "head", lr: float = 1e-3,
                     weight_decay: float = 0.01) -> torch.optim.Optimizer:
    """model.backbone(파라미터와 BatchNorm 통계)을 얼리고, 나머지 파라미터에 대한 AdamW를 돌려줍니다.

    Freeze model.backbone (parameters and BatchNorm statistics); return AdamW over the rest.
    """
    raise NotImplementedError
