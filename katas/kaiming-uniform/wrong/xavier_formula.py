# expect: values follow U(-b, b) with He's bound (shapes, modes, slopes, seeds)
# Uses Xavier's bound (both fans) with the He gain.
import math

import torch


def kaiming_uniform_(tensor, a=0.0, mode="fan_in"):
    if tensor.dim() < 2 or mode not in ("fan_in", "fan_out"):
        raise ValueError("bad input")
    receptive = math.prod(tensor.shape[2:])
    fan_in, fan_out = tensor.shape[1] * receptive, tensor.shape[0] * receptive
    bound = math.sqrt(2.0 / (1 + a * a)) * math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)


def linear_default_bound(in_features):
    return 1.0 / math.sqrt(in_features)
