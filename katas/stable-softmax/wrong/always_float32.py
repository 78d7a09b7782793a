# expect: dtype
# Upcasts to float32 for safety and forgets to cast the result back.
import torch


def softmax(x, dim=-1):
    x = x.float()
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return e / e.sum(dim=dim, keepdim=True)
