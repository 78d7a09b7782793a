# expect: forbidden
# Hands everything to checkpoint_sequential, which the kata forbids (and which leaves the last segment uncheckpointed).
import torch
from torch import nn
from torch.utils import checkpoint as ckpt


def checkpointed_forward(blocks, x, segments):
    blocks = list(blocks)
    if not 1 <= segments <= len(blocks):
        raise ValueError("segments must be between 1 and len(blocks)")
    return ckpt.checkpoint_sequential(nn.Sequential(*blocks), segments, x, use_reentrant=False)
