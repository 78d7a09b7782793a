# expect: custom
# Starts every weight at zero: all units stay identical during training.
import torch
from torch import nn


class CustomLinear(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(out_features, in_features))
        self.bias = nn.Parameter(torch.zeros(out_features)) if bias else None

    def forward(self, x):
        out = x.matmul(self.weight.T)
        return out if self.bias is None else out + self.bias
