# expect: outputs
# Types the formula in literally: exp overflows for large logits and inf/inf gives NaN.
import torch


def softmax(x, dim=-1):
    e = torch.exp(x)
    return e / e.sum(dim=dim, keepdim=True)
