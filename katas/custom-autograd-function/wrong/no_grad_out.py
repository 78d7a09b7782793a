# expect: gradients match reference autograd (float64)
# Returns the local derivative but forgets to multiply it by grad_out (the chain rule stops here).
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
        return s + ctx.beta * x * s * (1 - s), None


def swish(x, beta=1.0):
    return SwishFunction.apply(x, beta)
