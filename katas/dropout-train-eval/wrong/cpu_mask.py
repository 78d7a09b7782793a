# expect: train mode works on the meta device
# Draws the mask with torch.rand(x.shape), which lives on the CPU whatever device x is on.
import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p = p

    def forward(self, x):
        if not self.training or self.p == 0:
            return x
        if self.p == 1:
            return x * 0.0
        keep = torch.rand(x.shape) >= self.p
        return x * keep / (1 - self.p)
