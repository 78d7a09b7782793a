"""Reference solution for buffer-vs-parameter (read only by the grader).

cases.py checks it against F.batch_norm (affine-free) before grading.
"""

import torch
from torch import nn


class RunningNorm(nn.Module):
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        super().__init__()
        self.momentum, self.eps = momentum, eps
        # Buffers: saved in state_dict and moved by .to(), but not returned by parameters(),
        # so no optimizer ever touches them.
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))

    def forward(self, x):
        if self.training:
            mean = x.mean(dim=0)
            var = x.var(dim=0, correction=0)
            with torch.no_grad():
                unbiased = x.var(dim=0, correction=1)
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
                self.running_var.mul_(1 - self.momentum).add_(self.momentum * unbiased)
        else:
            mean, var = self.running_mean, self.running_var
        return (x - mean) / torch.sqrt(var + self.eps)
