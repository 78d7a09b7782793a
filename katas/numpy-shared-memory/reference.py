"""Reference solution for numpy-shared-memory (read only by the grader)."""

import torch


def to_tensor(arr):
    return torch.from_numpy(arr)


def to_numpy(t):
    return t.detach().numpy()
