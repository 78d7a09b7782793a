"""bf16-autocast-step: one training step with bfloat16 autocast and float32 master weights.

Run the forward pass and the loss under torch.autocast(device_type=x.device.type,
dtype=torch.bfloat16), then backward, optimizer step and zero_grad outside it. The model's
parameters stay float32. Return the loss as a Python float.

Run `quizapp grade bf16-autocast-step <this file>`.
"""

import torch


def train_step(model: torch.nn.Module, optimizer: torch.optim.Optimizer, x: torch.Tensor, y: torch.Tensor,
               loss_fn) -> float:
    """One mixed-precision (bfloat16) training step on the batch (x, y); returns the loss."""
    raise NotImplementedError
