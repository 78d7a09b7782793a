"""Reference solution for batched-diagonal (read only by the grader)."""

import torch


def batch_diagonal(x, offset=0):
    return torch.diagonal(x, offset=offset, dim1=-2, dim2=-1)
