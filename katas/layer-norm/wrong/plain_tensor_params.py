# expect: structure
# Keeps weight and bias as plain tensors: they are not registered, so no optimizer or state_dict sees them.
import torch
from torch import nn


class LayerNorm(nn.Module):
    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True):
        super().__init__()
        if isinstance(normalized_shape, int):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.weight = torch.ones(self.normalized_shape, requires_grad=True) if elementwise_affine else None
        self.bias = torch.zeros(self.normalized_shape, requires_grad=True) if elementwise_affine else None

    def forward(self, x):
        dims = tuple(range(-len(self.normalized_shape), 0))
        mean = x.mean(dim=dims, keepdim=True)
        var = x.var(dim=dims, unbiased=False, keepdim=True)
        y = (x - mean) / torch.sqrt(var + self.eps)
        if self.weight is not None:
            y = y * self.weight.to(x.device) + self.bias.to(x.device)
        return y
