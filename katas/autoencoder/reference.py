"""Reference solution for autoencoder (read only by the grader)."""

from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self, in_features, bottleneck, hidden=32):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(in_features, hidden), nn.ReLU(), nn.Linear(hidden, bottleneck))
        # No activation after the last decoder layer: the inputs can be any real number.
        self.decoder = nn.Sequential(nn.Linear(bottleneck, hidden), nn.ReLU(), nn.Linear(hidden, in_features))

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))
