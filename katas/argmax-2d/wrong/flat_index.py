# expect: argmax_2d matches the reference
# Returns torch.argmax's flat index as it is, without turning it into (row, col).
import torch


def argmax_2d(m):
    return torch.argmax(m)


def batch_argmax_2d(x):
    return x.reshape(x.shape[0], -1).argmax(dim=1)
