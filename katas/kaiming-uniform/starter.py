"""kaiming-uniform: He (Kaiming) uniform initialisation, and the bound nn.Linear uses by default.

torch.nn.init is not allowed. Run `quizapp grade kaiming-uniform <this file>`.
"""

import torch


def kaiming_uniform_(tensor: torch.Tensor, a: float = 0.0, mode: str = "fan_in") -> torch.Tensor:
    """Fill `tensor` in place from U(-bound, bound), bound = gain * sqrt(3 / fan), and return it."""
    raise NotImplementedError


def linear_default_bound(in_features: int) -> float:
    """The bound of nn.Linear's default weight init (kaiming_uniform_ with a = sqrt(5)), as a float."""
    raise NotImplementedError
