# expect: an in-place change after forward never gives a wrong gradient
# Keeps x as a plain ctx attribute: autograd cannot see later in-place changes and the gradient goes wrong.
import torch


class SwishFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, beta):
        ctx.x = x
        ctx.beta = beta
        return x * torch.sigmoid(beta * x)

    @staticmethod
    def backward(ctx, grad_out):
        x = ctx.x
        s = torch.sigmoid(ctx.beta * x)
        return grad_out * (s + ctx.beta * x * s * (1 - s)), None


def swish(x, beta=1.0):
    return SwishFunction.apply(x, beta)
