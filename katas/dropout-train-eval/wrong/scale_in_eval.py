# expect: eval mode returns the input unchanged
# Old-style ("non-inverted") dropout: no scaling while training, and eval mode multiplies by (1 - p).
import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p = p

    def forward(self, x):
        if self.training:
            keep = torch.rand_like(x) >= self.p
            return x * keep
        return x * (1 - self.p)
