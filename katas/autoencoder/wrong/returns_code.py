# expect: behaviour
# forward stops after the encoder and returns the code instead of the reconstruction.
from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self, in_features, bottleneck):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(in_features, 32), nn.ReLU(), nn.Linear(32, bottleneck))
        self.decoder = nn.Sequential(nn.Linear(bottleneck, 32), nn.ReLU(), nn.Linear(32, in_features))

    def encode(self, x):
        return self.encoder(x)

    def decode(self, code):
        return self.decoder(code)

    def forward(self, x):
        code = self.encode(x)
        self.decode(code)
        return code
