# expect: batch_project matches the reference
# Flattens the batch dims for mm but restores the wrong shape afterwards.
import torch


def project(x, w):
    return torch.mm(x, w)


def batch_project(x, w):
    flat = torch.mm(x.reshape(-1, x.shape[-1]), w)
    return flat.reshape(-1, w.shape[1])


def attention_scores(q, k):
    return torch.bmm(q, k.transpose(1, 2))


def similarity(u, v):
    return (u * v).sum()
