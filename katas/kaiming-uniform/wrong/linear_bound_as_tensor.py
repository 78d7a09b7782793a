# expect: linear_default_bound gives nn.Linear's bound
# Right initialiser; computes nn.Linear's bound with torch and returns a 0-dim tensor, not a float.
import math

import torch


def kaiming_uniform_(tensor, a=0.0, mode="fan_in"):
    if tensor.dim() < 2 or mode not in ("fan_in", "fan_out"):
        raise ValueError("bad input")
    receptive = math.prod(tensor.shape[2:])
    fan = (tensor.shape[1] if mode == "fan_in" else tensor.shape[0]) * receptive
    bound = math.sqrt(2.0 / (1 + a * a)) * math.sqrt(3.0 / fan)
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)


def linear_default_bound(in_features):
    return torch.tensor(1.0 / 3.0).sqrt() * torch.tensor(3.0 / in_features).sqrt()
