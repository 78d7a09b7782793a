"""clip-grad-norm: torch.nn.utils.clip_grad_norm_처럼 전체 노름으로 기울기 자르기.

모든 기울기를 합쳐 하나의 긴 벡터로 봅니다. 그 노름이 `max_norm`보다 크면 모든 기울기에
max_norm / (total_norm + 1e-6)을 제자리에서 곱하고, 그렇지 않으면 아무것도 바꾸지 않습니다.
.grad가 None인 파라미터는 건너뜁니다. 자르기 전에 잰 전체 노름을 0차원 텐서로 돌려주세요.

채점하려면 `quizapp grade clip-grad-norm <이 파일>`을 실행하세요.

clip-grad-norm: clip gradients by their total norm, like torch.nn.utils.clip_grad_norm_.

All gradients together count as one long vector. When its norm is above `max_norm`, every
gradient is scaled in place by max_norm / (total_norm + 1e-6); otherwise nothing changes.
Parameters whose .grad is None are skipped. Return the total norm measured before clipping,
as a 0-dim tensor.

Run `quizapp grade clip-grad-norm <this file>`.
"""

import torch


def clip_grad_norm(parameters, max_norm: float, norm_type: float = 2.0) -> torch.Tensor:
    """`parameters`(텐서의 이터러블 또는 텐서 하나)의 .grad를 제자리에서 스케일합니다.

    Scale the .grad of `parameters` (an iterable of tensors, or one tensor) in place.
    """
    raise NotImplementedError
