# expect: the optimizer holds only the trainable parameters
# Freezes correctly but hands every parameter, frozen ones included, to the optimizer.
import torch
from torch import nn


def prepare_finetune(model, head_name="head", lr=1e-3, weight_decay=0.01):
    for p in model.backbone.parameters():
        p.requires_grad_(False)
    getattr(model, head_name).train()
    for m in model.backbone.modules():
        if isinstance(m, nn.BatchNorm1d | nn.BatchNorm2d):
            m.eval()
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
