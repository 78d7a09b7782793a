# expect: to_numpy shares the tensor's memory (also with requires_grad)
# Wraps the tensor in np.array, which copies by default.
import numpy as np
import torch


def to_tensor(arr):
    return torch.as_tensor(arr)


def to_numpy(t):
    return np.array(t.detach())
