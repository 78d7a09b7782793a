# expect: MLP registers the same parameters and state_dict keys as nn.Sequential
# Applies ReLU functionally, so only the Linear layers are numbered: keys 0, 1, 2 instead of 0, 2, 4.
import torch
from torch import nn


def make_sequential(sizes):
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class MLP(nn.ModuleList):
    def __init__(self, sizes):
        super().__init__([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])

    def forward(self, x):
        for i, layer in enumerate(self):
            x = layer(x)
            if i < len(self) - 1:
                x = torch.relu(x)
        return x
