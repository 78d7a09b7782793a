# expect: structure
# With bias=False it still registers a bias (of zeros) instead of leaving it None.
import math

import torch
from torch import nn


class CustomLinear(nn.Module):
    def __init__(self, in_features, out_features, bias=True):
        super().__init__()
        bound = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).uniform_(-bound, bound))
        init = torch.empty(out_features).uniform_(-bound, bound) if bias else torch.zeros(out_features)
        self.bias = nn.Parameter(init)

    def forward(self, x):
        return x.matmul(self.weight.T) + self.bias
