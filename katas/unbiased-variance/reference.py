"""Reference solution for unbiased-variance (read only by the grader, which may use torch.var)."""

import torch


def variance(x, dim, keepdim=False):
    return torch.var(x, dim=dim, correction=1, keepdim=keepdim)
