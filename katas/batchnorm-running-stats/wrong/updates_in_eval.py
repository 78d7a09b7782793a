# expect: eval mode after training uses the running statistics
# Normalises eval batches with the running statistics, but also keeps updating them in eval mode.
import torch
from torch import nn


class BatchNorm1d(nn.Module):
    def __init__(self, num_features: int, eps: float = 1e-5, momentum: float = 0.1):
        super().__init__()
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.weight = nn.Parameter(torch.ones(num_features))
        self.bias = nn.Parameter(torch.zeros(num_features))
        self.register_buffer("running_mean", torch.zeros(num_features))
        self.register_buffer("running_var", torch.ones(num_features))
        self.register_buffer("num_batches_tracked", torch.tensor(0, dtype=torch.long))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if x.dim() not in (2, 3):
            raise ValueError(f"expected a 2-D (N, C) or 3-D (N, C, L) input, got {x.dim()}-D")
        dims = (0,) if x.dim() == 2 else (0, 2)
        shape = (1, -1) if x.dim() == 2 else (1, -1, 1)
        if self.training:
            n = x.shape[0] * (x.shape[2] if x.dim() == 3 else 1)
            if n <= 1:
                raise ValueError("Expected more than 1 value per channel when training")
            mean = x.mean(dim=dims)
            var = x.var(dim=dims, correction=0)
            with torch.no_grad():
                m = self.momentum
                self.running_mean.mul_(1 - m).add_(mean, alpha=m)
                self.running_var.mul_(1 - m).add_(var * (n / (n - 1)), alpha=m)
                self.num_batches_tracked.add_(1)
        else:
            mean, var = self.running_mean.clone(), self.running_var.clone()
            n = x.shape[0] * (x.shape[2] if x.dim() == 3 else 1)
            if n > 1:
                with torch.no_grad():
                    m = self.momentum
                    self.running_mean.mul_(1 - m).add_(x.mean(dim=dims), alpha=m)
                    self.running_var.mul_(1 - m).add_(x.var(dim=dims), alpha=m)
        x_hat = (x - mean.view(shape)) / torch.sqrt(var.view(shape) + self.eps)
        return x_hat * self.weight.view(shape) + self.bias.view(shape)
