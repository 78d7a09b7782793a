"""cross-entropy: 로짓과 클래스 번호로 구하는 손실, 로짓이 커도 안정적으로.

F.cross_entropy, F.nll_loss, log_softmax(어떤 형태든)와 이들의 nn 모듈은 쓸 수 없습니다.
채점하려면 `quizapp grade cross-entropy <이 파일>`을 실행하세요.

cross-entropy: the loss from logits and class indices, stable for large logits.

F.cross_entropy, F.nll_loss, log_softmax (any form) and their nn modules are not allowed.
Run `quizapp grade cross-entropy <this file>`.
"""

import torch


def cross_entropy(logits: torch.Tensor, targets: torch.Tensor, reduction: str = "mean") -> torch.Tensor:
    """logits (N, C) 또는 (N, C, d1, ...); targets (N,) 또는 (N, d1, ...), int64 클래스 번호.

    reduction: 'mean'(0차원 텐서), 'sum'(0차원), 'none'(정답마다 손실 하나, targets와 같은 모양).

    logits (N, C) or (N, C, d1, ...); targets (N,) or (N, d1, ...) of int64 class indices.

    reduction: 'mean' (a 0-dim tensor), 'sum' (0-dim) or 'none' (one loss per target, targets' shape).
    """
    raise NotImplementedError
