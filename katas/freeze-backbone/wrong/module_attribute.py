# expect: backbone parameters frozen, head trainable
# Sets a plain attribute on the module object: no parameter is frozen, so the backbone keeps training.
import torch
from torch import nn


def prepare_finetune(model, head_name="head", lr=1e-3, weight_decay=0.01):
    model.backbone.requires_grad = False
    getattr(model, head_name).train()
    model.backbone.eval()
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(trainable, lr=lr, weight_decay=weight_decay)
