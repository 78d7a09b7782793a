"""Reference solution for xavier-uniform (read only by the grader)."""

import math

import torch


def xavier_uniform_(tensor, gain=1.0):
    if tensor.dim() < 2:
        raise ValueError("Xavier initialisation needs a tensor with at least 2 dims")
    receptive = 1
    for size in tensor.shape[2:]:
        receptive *= size
    fan_in, fan_out = tensor.shape[1] * receptive, tensor.shape[0] * receptive
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)
