"""freeze-backbone: prepare a pretrained model for fine-tuning only its head.

Freeze every parameter of `model.backbone`, keep its BatchNorm statistics fixed (eval mode),
leave the head `getattr(model, head_name)` trainable and in training mode, and return an AdamW
optimizer over the trainable parameters only.

Run `quizapp grade freeze-backbone <this file>`.
"""

import torch
from torch import nn


def prepare_finetune(model: nn.Module, head_name: str = "head", lr: float = 1e-3,
                     weight_decay: float = 0.01) -> torch.optim.Optimizer:
    """Freeze model.backbone (parameters and BatchNorm statistics); return AdamW over the rest."""
    raise NotImplementedError
