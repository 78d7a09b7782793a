# expect: structure
# Stores the weight as a plain tensor: it is never registered, so no optimizer would train it.
import math

import torch
from torch import nn


class CustomLinear(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        bound = 1 / math.sqrt(in_features)
        self.weight = torch.empty(out_features, in_features).uniform_(-bound, bound)
        self.bias = nn.Parameter(torch.empty(out_features).uniform_(-bound, bound)) if bias else None

    def forward(self, x):
        out = x.matmul(self.weight.T)
        return out if self.bias is None else out + self.bias
