# expect: behaviour
# Keeps the layers in plain Python lists: nothing is registered, so the optimizer has nothing to train.
import torch
from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self, in_features, bottleneck):
        super().__init__()
        self.encoder = [nn.Linear(in_features, 32), nn.Linear(32, bottleneck)]
        self.decoder = [nn.Linear(bottleneck, 32), nn.Linear(32, in_features)]

    def encode(self, x):
        return self.encoder[1](torch.relu(self.encoder[0](x)))

    def decode(self, code):
        return self.decoder[1](torch.relu(self.decoder[0](code)))

    def forward(self, x):
        return self.decode(self.encode(x))
