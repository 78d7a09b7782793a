# expect: backbone parameters frozen, head trainable
# "Freezes" by running the backbone under torch.no_grad(): its parameters still require grad,
# the optimizer holds them, and BatchNorm still updates its statistics.
import torch


def prepare_finetune(model, head_name="head", lr=1e-3, weight_decay=0.01):
    backbone_forward = model.backbone.forward

    def frozen_forward(*args, **kwargs):
        with torch.no_grad():
            return backbone_forward(*args, **kwargs)

    model.backbone.forward = frozen_forward
    getattr(model, head_name).train()
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(trainable, lr=lr, weight_decay=weight_decay)
