# expect: forbidden
# Copies the weights into an nn.Conv2d and lets it do the work.
import torch
from torch import nn


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0):
    o, c, kh, kw = weight.shape
    layer = nn.Conv2d(c, o, (kh, kw), stride=stride, padding=padding, bias=bias is not None)
    with torch.no_grad():
        layer.weight.copy_(weight)
        if bias is not None:
            layer.bias.copy_(bias)
    return layer(x)
