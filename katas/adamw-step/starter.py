"""adamw-step: one AdamW update by hand, in place, exactly like torch.optim.AdamW.

For every parameter p with gradient g, first moment m and second moment v:
decoupled weight decay on p, then the Adam update with bias correction for step `step`
(counted from 1). params, exp_avgs and exp_avg_sqs are updated in place; grads stay as they are.

Run `quizapp grade adamw-step <this file>`.
"""

import torch


def adamw_step(params: list, grads: list, exp_avgs: list, exp_avg_sqs: list, step: int, lr: float,
               betas: tuple, eps: float, weight_decay: float) -> None:
    """Apply AdamW step number `step` to every tensor of `params`, in place."""
    raise NotImplementedError
