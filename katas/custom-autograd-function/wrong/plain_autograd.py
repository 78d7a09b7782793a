# expect: swish runs through SwishFunction
# Defines the class but lets swish compute with ordinary ops, so the hand-written backward never runs.
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
        return grad_out * (s + ctx.beta * x * s * (1 - s)), None


def swish(x, beta=1.0):
    return x * torch.sigmoid(beta * x)
