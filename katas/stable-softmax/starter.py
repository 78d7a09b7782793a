"""stable-softmax: a softmax that survives huge logits, along any dim.

torch.softmax, F.softmax, log_softmax (any form) and logsumexp are not allowed.
Run `quizapp grade stable-softmax <this file>`.
"""

import torch


def softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    """exp(x) / sum(exp(x)) along `dim`, without overflow; same shape and dtype as x."""
    raise NotImplementedError
