"""clip-grad-norm: clip gradients by their total norm, like torch.nn.utils.clip_grad_norm_.

All gradients together count as one long vector. When its norm is above `max_norm`, every
gradient is scaled in place by max_norm / (total_norm + 1e-6); otherwise nothing changes.
Parameters whose .grad is None are skipped. Return the total norm measured before clipping,
as a 0-dim tensor.

Run `quizapp grade clip-grad-norm <this file>`.
"""

import torch


def clip_grad_norm(parameters, max_norm: float, norm_type: float = 2.0) -> torch.Tensor:
    """Scale the .grad of `parameters` (an iterable of tensors, or one tensor) in place."""
    raise NotImplementedError
