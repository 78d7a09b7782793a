# expect: diagonals match the reference
# Reads offset the wrong way round: positive offsets go below the main diagonal.
import torch


def batch_diagonal(x, offset=0):
    return x.diagonal(-offset, -2, -1)
