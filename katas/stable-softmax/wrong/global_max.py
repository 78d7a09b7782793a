# expect: outputs
# Subtracts the maximum of the whole tensor: rows far below it underflow to 0/0.
import torch


def softmax(x, dim=-1):
    e = torch.exp(x - x.max())
    return e / e.sum(dim=dim, keepdim=True)
