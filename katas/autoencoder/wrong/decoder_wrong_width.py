# expect: behaviour
# The decoder's last layer keeps the hidden width instead of going back to in_features.
from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self, in_features, bottleneck, hidden=32):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(in_features, hidden), nn.ReLU(), nn.Linear(hidden, bottleneck))
        self.decoder = nn.Sequential(nn.Linear(bottleneck, hidden), nn.ReLU(), nn.Linear(hidden, hidden))

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        return self.decode(self.encode(x))
