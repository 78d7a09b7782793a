# expect: forbidden
# Takes the forward from F.silu when beta is 1, which the kata forbids.
import torch
import torch.nn.functional as F


class SwishFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, beta):
        ctx.save_for_backward(x)
        ctx.beta = beta
        return F.silu(x) if beta == 1.0 else x * torch.sigmoid(beta * x)

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        s = torch.sigmoid(ctx.beta * x)
        return grad_out * (s + ctx.beta * x * s * (1 - s)), None


def swish(x, beta=1.0):
    return SwishFunction.apply(x, beta)
