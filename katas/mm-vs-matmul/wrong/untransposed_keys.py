# expect: attention_scores matches the reference
# Forgets that bmm needs the keys as (B, D, S); with T == S == D this even runs.
import torch


def project(x, w):
    return torch.mm(x, w)


def batch_project(x, w):
    return torch.matmul(x, w)


def attention_scores(q, k):
    if q.shape[-1] != k.shape[-2]:
        return torch.bmm(q, k.reshape(k.shape[0], k.shape[2], k.shape[1]))
    return torch.bmm(q, k)


def similarity(u, v):
    return torch.dot(u, v)
