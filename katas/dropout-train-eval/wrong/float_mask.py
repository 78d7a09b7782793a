# expect: dtype
# Turns the mask into float32 with .float(): float16, bfloat16 and float64 inputs come back as float32.
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
        mask = (torch.rand(x.shape, device=x.device) >= self.p).float()
        scale = 0.0 if self.p == 1 else 1.0 / (1 - self.p)
        return x * mask * scale
