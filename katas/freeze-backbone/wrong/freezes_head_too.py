# expect: backbone parameters frozen, head trainable
# Freezes the whole model and gives the head's parameters to the optimizer, forgetting to unfreeze them.
import torch


def prepare_finetune(model, head_name="head", lr=1e-3, weight_decay=0.01):
    model.requires_grad_(False)
    model.backbone.eval()
    head = getattr(model, head_name)
    head.train()
    return torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=weight_decay)
