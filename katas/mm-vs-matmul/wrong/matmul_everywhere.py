# expect: operators
# The candidate reaches for torch.matmul for every product: the values are right, the choice is not.
import torch


def project(x, w):
    return torch.matmul(x, w)


def batch_project(x, w):
    return torch.matmul(x, w)


def attention_scores(q, k):
    return torch.matmul(q, k.transpose(-1, -2))


def similarity(u, v):
    return torch.matmul(u, v)
