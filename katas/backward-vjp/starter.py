"""backward-vjp: vector-Jacobian products with backward(gradient=...).

torch.autograd.grad, torch.autograd.functional and torch.func are not allowed.
Run `quizapp grade backward-vjp <this file>`.
"""

import torch


def vjp(f, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Return v^T J, where J is the Jacobian of f at x; the result has x's shape.

    v has the shape of f(x). Leave the caller's x (values, requires_grad, .grad) as it was.
    """
    raise NotImplementedError
