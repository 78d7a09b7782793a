# expect: statistics
# Draws from a normal distribution with Xavier's variance: right moments, wrong distribution.
import math

import torch


def xavier_uniform_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    receptive = math.prod(tensor.shape[2:])
    std = gain * math.sqrt(2.0 / ((tensor.shape[0] + tensor.shape[1]) * receptive))
    with torch.no_grad():
        return tensor.normal_(0.0, std)
