# expect: make_sequential builds the same network as an nn.Sequential
# Stacks the Linear layers with nothing between them: the whole network collapses to one linear map.
from torch import nn


def _layers(sizes):
    return [nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])]


def make_sequential(sizes):
    return nn.Sequential(*_layers(sizes))


class MLP(nn.Sequential):
    def __init__(self, sizes):
        super().__init__(*_layers(sizes))
