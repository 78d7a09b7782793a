# expect: calls stay independent (stale .grad, repeated calls)
# Tidies up after itself but throws away the .grad the caller already had.
import torch


def vjp(f, x, v):
    had_grad = x.requires_grad
    x.grad = None
    x.requires_grad_(True)
    f(x).backward(gradient=v)
    result = x.grad.clone()
    x.grad = None
    x.requires_grad_(had_grad)
    return result
