"""xavier-normal: Xavier (Glorot) normal initialisation, implemented yourself.

torch.nn.init is not allowed. Run `quizapp grade xavier-normal <this file>`.
"""

import torch


def xavier_normal_(tensor: torch.Tensor, gain: float = 1.0) -> torch.Tensor:
    """Fill `tensor` in place from N(0, std^2) with Xavier's standard deviation, and return it."""
    raise NotImplementedError
