"""Reference solution for mm-vs-matmul (read only by the grader)."""

import torch


def project(x, w):
    return torch.mm(x, w)


def batch_project(x, w):
    return torch.matmul(x, w)


def attention_scores(q, k):
    return torch.bmm(q, k.transpose(1, 2))


def similarity(u, v):
    return torch.dot(u, v)
