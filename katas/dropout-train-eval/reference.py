"""Reference solution for dropout-train-eval (read only by the grader)."""

import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p: float = 0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"dropout probability has to be between 0 and 1, got {p}")
        self.p = float(p)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.training or self.p == 0.0:
            return x                                  # eval mode (or nothing to drop): the identity
        if self.p == 1.0:
            return x * 0.0                            # everything dropped; no division by 1 - p = 0
        keep = torch.rand_like(x) >= self.p           # kept with probability 1 - p, same device and dtype as x
        return x * keep / (1.0 - self.p)              # inverted dropout: scale the survivors while training
