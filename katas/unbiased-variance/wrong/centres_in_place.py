# expect: mutation
# Subtracts the mean in place to save memory: the caller's tensor is overwritten.
import torch


def variance(x, dim, keepdim=False):
    n = x.shape[dim]
    with torch.no_grad():
        x.sub_(x.mean(dim=dim, keepdim=True))
    return x.pow(2).sum(dim=dim, keepdim=keepdim) / (n - 1)
