# expect: mutation
# Saves memory with in-place ops on the caller's tensor, which changes it behind the caller's back.
import torch


def softmax(x, dim=-1):
    with torch.no_grad():
        x.sub_(x.amax(dim=dim, keepdim=True))
        x.exp_()
        x.div_(x.sum(dim=dim, keepdim=True))
    return x
