# expect: values follow N(0, std^2) with Xavier's std (shapes, gains, seeds)
# Returns a fresh tensor from torch.randn; the caller's tensor is left untouched.
import math

import torch


def xavier_normal_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    receptive = math.prod(tensor.shape[2:])
    std = gain * math.sqrt(2.0 / ((tensor.shape[0] + tensor.shape[1]) * receptive))
    return torch.randn(tensor.shape, dtype=tensor.dtype) * std
