# expect: returns v^T J for element-wise, mixing and shape-changing functions
# Reduces with .sum() so backward() needs no argument, which silently weights every output by 1.
import torch


def vjp(f, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    f(leaf).sum().backward()
    return leaf.grad
