# expect: to_numpy shares the tensor's memory (also with requires_grad)
# Calls t.numpy() directly: it raises for a tensor that requires grad.
import torch


def to_tensor(arr):
    return torch.from_numpy(arr)


def to_numpy(t):
    return t.numpy()
