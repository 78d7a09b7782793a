# expect: MLP registers the same parameters and state_dict keys as nn.Sequential
# Wraps the Sequential in an attribute: every key gets a 'layers.' prefix and loading fails.
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
        self.layers = make_sequential(sizes)

    def forward(self, x):
        return self.layers(x)
