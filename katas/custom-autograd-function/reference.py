"""Reference solution for custom-autograd-function (read only by the grader)."""

import torch


class SwishFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, beta):
        ctx.save_for_backward(x)
        ctx.beta = beta
        return x * torch.sigmoid(beta * x)

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(ctx.beta * x)
        local = s + ctx.beta * x * s * (1 - s)
        return grad_out * local, None


def swish(x, beta=1.0):
    return SwishFunction.apply(x, beta)
