"""stable-softmax: 아주 큰 로짓에도 넘치지 않는 softmax, 어느 차원을 따라서든.

torch.softmax, F.softmax, log_softmax(어떤 형태든), logsumexp는 쓸 수 없습니다.
채점하려면 `quizapp grade stable-softmax <이 파일>`을 실행하세요.

stable-softmax: a softmax that survives huge logits, along any dim.

torch.softmax, F.softmax, log_softmax (any form) and logsumexp are not allowed.
Run `quizapp grade stable-softmax <this file>`.
"""

import torch


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """`dim`을 따라 exp(x) / sum(exp(x)), 오버플로 없이. 모양과 dtype은 x와 같습니다.

    exp(x) / sum(exp(x)) along `dim`, without overflow; same shape and dtype as x.
    """
    raise NotImplementedError
