# expect: statistics
# Computes the fans from the first two dims only, ignoring the kernel size of convolutions.
import math

import torch


def xavier_uniform_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    fan_out, fan_in = tensor.shape[0], tensor.shape[1]
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)
