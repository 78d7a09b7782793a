"""adamw-step: AdamW 업데이트 한 번을 torch.optim.AdamW와 똑같이, 제자리에서 직접 계산하기.

기울기 g, 1차 모멘트 m, 2차 모멘트 v를 가진 파라미터 p마다: 먼저 p에 분리된(decoupled)
weight decay를 적용하고, 이어서 스텝 `step`(1부터 셈)의 편향 보정을 넣은 Adam 업데이트를 합니다.
params, exp_avgs, exp_avg_sqs는 제자리에서 바꾸고 grads는 그대로 둡니다.

채점하려면 `quizapp grade adamw-step <이 파일>`을 실행하세요.

adamw-step: one AdamW update by hand, in place, exactly like torch.optim.AdamW.

For every parameter p with gradient g, first moment m and second moment v:
decoupled weight decay on p, then the Adam update with bias correction for step `step`
(counted from 1). params, exp_avgs and exp_avg_sqs are updated in place; grads stay as they are.

Run `quizapp grade adamw-step <this file>`.
"""

import torch


def adamw_step(params: list, grads: list, exp_avgs: list, exp_avg_sqs: list, step: int, lr: float,
               betas: tuple, eps: float, weight_decay: float) -> None:
    """`step`번째 AdamW 스텝을 `params`의 모든 텐서에 제자리에서 적용합니다.

    Apply AdamW step number `step` to every tensor of `params`, in place.
    """
    raise NotImplementedError
