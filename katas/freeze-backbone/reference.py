"""Reference solution for freeze-backbone (read only by the grader)."""

import torch
from torch import nn


def prepare_finetune(model, head_name="head", lr=1e-3, weight_decay=0.01):
    for p in model.backbone.parameters():
        p.requires_grad_(False)
    getattr(model, head_name).train()
    for m in model.backbone.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.eval()
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(trainable, lr=lr, weight_decay=weight_decay)
