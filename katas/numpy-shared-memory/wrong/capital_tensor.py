# expect: to_tensor keeps the array's dtype
# Uses the torch.Tensor constructor: it copies and turns every array into float32.
import torch


def to_tensor(arr):
    return torch.Tensor(arr)


def to_numpy(t):
    return t.detach().numpy()
