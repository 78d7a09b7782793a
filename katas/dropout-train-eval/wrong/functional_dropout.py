# expect: forbidden
# Hands the work to torch's own dropout, reached through getattr so that the name never appears.
import torch
import torch.nn.functional as F
from torch import nn

_drop = getattr(F, "drop" + "out")


class Dropout(nn.Module):
    def __init__(self, p=0.5):
        super().__init__()
        if not 0.0 <= p <= 1.0:
            raise ValueError("p must be in [0, 1]")
        self.p = p

    def forward(self, x):
        return _drop(x, self.p, self.training)
