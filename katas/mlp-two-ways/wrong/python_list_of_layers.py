# expect: MLP registers the same parameters and state_dict keys as nn.Sequential
# Keeps the layers in a plain Python list: nothing is registered, so the model has no parameters.
import torch
from torch import nn


def make_sequential(sizes):
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.linears = [nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]

    def forward(self, x):
        for i, layer in enumerate(self.linears):
            x = layer(x)
            if i < len(self.linears) - 1:
                x = torch.relu(x)
        return x
