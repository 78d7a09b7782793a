"""Reference solution for argmax-2d (read only by the grader)."""

import torch


def argmax_2d(m):
    width = m.shape[1]
    flat = m.reshape(-1).argmax()
    return torch.stack([flat // width, flat % width])


def batch_argmax_2d(x):
    width = x.shape[-1]
    flat = x.reshape(x.shape[0], -1).argmax(dim=1)
    return torch.stack([flat // width, flat % width], dim=1)
