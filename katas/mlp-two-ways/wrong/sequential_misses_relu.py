# expect: make_sequential builds the same network as an nn.Sequential
# MLP is right, but make_sequential forgets the activations (and so the numbering shifts too).
import torch
from torch import nn


def make_sequential(sizes):
    return nn.Sequential(*[nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])


class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
            self.add_module(str(2 * i), nn.Linear(a, b))
            if i < len(sizes) - 2:
                self.add_module(str(2 * i + 1), nn.ReLU())

    def forward(self, x):
        for layer in self.children():
            x = layer(x)
        return x
