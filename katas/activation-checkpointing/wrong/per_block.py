# expect: splits the blocks into segments whose sizes differ by at most one
# Ignores `segments` and checkpoints every block on its own: more checkpoints (and kept inputs) than asked for.
import torch
from torch.utils.checkpoint import checkpoint


def checkpointed_forward(blocks, x, segments):
    blocks = list(blocks)
    if not 1 <= segments <= len(blocks):
        raise ValueError("segments must be between 1 and len(blocks)")
    h = x
    for block in blocks:
        h = checkpoint(block, h, use_reentrant=False)
    return h
