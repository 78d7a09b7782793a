"""Reference solution for layer-norm (read only by the grader).

Written out by hand (the authoring lint grades the reference like a submission, so it obeys the
forbidden list); cases.py checks it against torch.nn.LayerNorm on every forward case.
"""

import numbers

import torch
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True):
        super().__init__()
        if isinstance(normalized_shape, numbers.Integral):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            self.weight = nn.Parameter(torch.ones(self.normalized_shape))
            self.bias = nn.Parameter(torch.zeros(self.normalized_shape))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, x):
        dims = tuple(range(-len(self.normalized_shape), 0))
        mean = x.mean(dim=dims, keepdim=True)
        centred = x - mean
        var = centred.square().mean(dim=dims, keepdim=True)  # biased: divide by N
        y = centred * torch.rsqrt(var + self.eps)
        if self.elementwise_affine:
            y = y * self.weight + self.bias
        return y
