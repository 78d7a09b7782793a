# expect: forbidden
# Reaches for torch.autograd.grad, which the kata rules out.
import torch
from torch import autograd


def vjp(f, x, v):
    leaf = x.detach().requires_grad_(True)
    (g,) = autograd.grad(f(leaf), leaf, grad_outputs=v)
    return g
