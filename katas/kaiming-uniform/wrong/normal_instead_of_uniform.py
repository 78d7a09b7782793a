# expect: values follow U(-b, b) with He's bound (shapes, modes, slopes, seeds)
# Draws He-normal values (std = gain / sqrt(fan)): same variance, wrong distribution.
import math

import torch


def kaiming_uniform_(tensor, a=0.0, mode="fan_in"):
    if tensor.dim() < 2 or mode not in ("fan_in", "fan_out"):
        raise ValueError("bad input")
    receptive = math.prod(tensor.shape[2:])
    fan = (tensor.shape[1] if mode == "fan_in" else tensor.shape[0]) * receptive
    with torch.no_grad():
        return tensor.normal_(0.0, math.sqrt(2.0 / (1 + a * a)) / math.sqrt(fan))


def linear_default_bound(in_features):
    return 1.0 / math.sqrt(in_features)
