# expect: MLP's outputs match the reference network
# Puts a ReLU after every Linear, the last one included: no negative output can ever come out.
from torch import nn


def _layers(sizes):
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return layers


def make_sequential(sizes):
    return nn.Sequential(*_layers(sizes))


class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        for i, layer in enumerate(_layers(sizes)):
            self.add_module(str(i), layer)

    def forward(self, x):
        for layer in self.children():
            x = layer(x)
        return x
