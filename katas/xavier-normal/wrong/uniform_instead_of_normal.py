# expect: values follow N(0, std^2) with Xavier's std (shapes, gains, seeds)
# Draws from a uniform distribution with the right variance: right moments, wrong distribution.
import math

import torch


def xavier_normal_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    receptive = math.prod(tensor.shape[2:])
    bound = gain * math.sqrt(6.0 / ((tensor.shape[0] + tensor.shape[1]) * receptive))
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)
