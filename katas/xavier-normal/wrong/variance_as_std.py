# expect: values follow N(0, std^2) with Xavier's std (shapes, gains, seeds)
# Passes the target variance 2 / (fan_in + fan_out) where normal_ expects a standard deviation.
import math

import torch


def xavier_normal_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    receptive = math.prod(tensor.shape[2:])
    variance = gain * gain * 2.0 / ((tensor.shape[0] + tensor.shape[1]) * receptive)
    with torch.no_grad():
        return tensor.normal_(0.0, variance)
