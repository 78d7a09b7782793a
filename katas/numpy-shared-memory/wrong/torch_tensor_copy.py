# expect: to_tensor shares the array's memory
# Uses torch.tensor(arr): the dtype is kept, but the data is always copied.
import numpy as np
import torch


def to_tensor(arr):
    return torch.tensor(arr)


def to_numpy(t):
    return t.detach().numpy()
