# expect: calls stay independent (stale .grad, repeated calls)
# Differentiates the caller's own x: the stale .grad accumulates in and the returned .grad is reused.
import torch


def vjp(f, x, v):
    if not x.requires_grad:
        x.requires_grad_(True)
    y = f(x)
    y.backward(gradient=v)
    return x.grad
