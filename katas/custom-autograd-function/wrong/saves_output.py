# expect: torch.autograd.gradcheck passes (float64)
# Saves the output y and then uses it in the derivative as though it were the input x.
import torch


class SwishFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, beta):
        y = x * torch.sigmoid(beta * x)
        ctx.save_for_backward(y)
        ctx.beta = beta
        return y

    @staticmethod
    def backward(ctx, grad_out):
        (y,) = ctx.saved_tensors
        s = torch.sigmoid(ctx.beta * y)
        return grad_out * (s + ctx.beta * y * s * (1 - s)), None


def swish(x, beta=1.0):
    return SwishFunction.apply(x, beta)
