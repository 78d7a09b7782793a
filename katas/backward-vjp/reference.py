"""Reference solution for backward-vjp (read only by the grader)."""

import torch


def vjp(f, x, v):
    leaf = x.detach().clone().requires_grad_(True)
    y = f(leaf)
    y.backward(gradient=v)
    return leaf.grad
