"""Reference solution for xavier-normal (read only by the grader)."""

import math

import torch


def xavier_normal_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("Xavier initialisation needs a tensor with at least 2 dims")
    receptive = math.prod(tensor.shape[2:])
    fan_in, fan_out = tensor.shape[1] * receptive, tensor.shape[0] * receptive
    std = gain * math.sqrt(2.0 / (fan_in + fan_out))
    with torch.no_grad():
        return tensor.normal_(0.0, std)
