# expect: behaviour
# Ignores the bottleneck size and keeps the code as wide as the input: the model can learn to copy.
from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self, in_features, bottleneck):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(in_features, 32), nn.ReLU(), nn.Linear(32, in_features))
        self.decoder = nn.Sequential(nn.Linear(in_features, 32), nn.ReLU(), nn.Linear(32, in_features))

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))
