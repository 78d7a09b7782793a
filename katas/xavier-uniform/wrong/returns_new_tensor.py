# expect: statistics
# Builds and returns a fresh tensor; the caller's tensor is left as it was.
import math

import torch


def xavier_uniform_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    receptive = math.prod(tensor.shape[2:])
    bound = gain * math.sqrt(6.0 / ((tensor.shape[0] + tensor.shape[1]) * receptive))
    return torch.empty_like(tensor).uniform_(-bound, bound)
