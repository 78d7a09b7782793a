# expect: backbone weights and BatchNorm statistics stay fixed
# Puts the backbone in eval mode, then calls model.train() "for the head", which switches the backbone back.
import torch


def prepare_finetune(model, head_name="head", lr=1e-3, weight_decay=0.01):
    model.backbone.requires_grad_(False)
    model.backbone.eval()
    model.train()
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(trainable, lr=lr, weight_decay=weight_decay)
