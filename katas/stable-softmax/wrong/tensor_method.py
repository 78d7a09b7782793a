# expect: forbidden
# Calls the tensor method, which is the forbidden softmax under another name.
import torch


def softmax(x, dim=-1):
    return x.softmax(dim)
