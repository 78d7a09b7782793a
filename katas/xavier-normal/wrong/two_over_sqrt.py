# expect: values follow N(0, std^2) with Xavier's std (shapes, gains, seeds)
# Copies the widespread wrong formula std = 2 / sqrt(fan_in + fan_out): sqrt(2) times too large.
import math

import torch


def xavier_normal_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    receptive = math.prod(tensor.shape[2:])
    std = gain * 2.0 / math.sqrt((tensor.shape[0] + tensor.shape[1]) * receptive)
    with torch.no_grad():
        return tensor.normal_(0.0, std)
