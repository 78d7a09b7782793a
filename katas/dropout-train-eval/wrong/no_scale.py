# expect: train mode gives 0 or x / (1 - p) in every element
# Drops elements with the right probability but forgets to scale the survivors by 1 / (1 - p).
import torch
from torch import nn


class Dropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p = p

    def forward(self, x):
        if not self.training:
            return x
        mask = torch.rand_like(x) >= self.p
        return x * mask
