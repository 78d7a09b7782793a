# expect: statistics
# Uses the Xavier-normal standard deviation as the uniform bound: values come out too small.
import math

import torch


def xavier_uniform_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("need at least 2 dims")
    receptive = math.prod(tensor.shape[2:])
    bound = gain * math.sqrt(2.0 / ((tensor.shape[0] + tensor.shape[1]) * receptive))
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)
