# expect: backbone weights and BatchNorm statistics stay fixed
# Freezes the parameters but leaves BatchNorm in training mode: running_mean/running_var keep drifting.
import torch


def prepare_finetune(model, head_name="head", lr=1e-3, weight_decay=0.01):
    for p in model.backbone.parameters():
        p.requires_grad_(False)
    model.train()
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(trainable, lr=lr, weight_decay=weight_decay)
