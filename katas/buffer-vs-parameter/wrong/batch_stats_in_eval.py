# expect: eval-mode outputs use the running statistics
# Keeps the running statistics up to date but never uses them: eval mode still normalises with the batch.
import torch
from torch import nn


class RunningNorm(nn.Module):
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        super().__init__()
        self.momentum, self.eps = momentum, eps
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        mean, var = x.mean(0), x.var(0, correction=0)
        if self.training:
            with torch.no_grad():
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
                self.running_var.mul_(1 - self.momentum).add_(self.momentum * x.var(0, correction=1))
        return (x - mean) / torch.sqrt(var + self.eps)
