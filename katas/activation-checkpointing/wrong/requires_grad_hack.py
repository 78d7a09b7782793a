# expect: gradient of x matches (and x is left alone when it does not require grad)
# Keeps the reentrant checkpoint and "fixes" the missing gradients by switching requires_grad on for the caller's x.
import torch
from torch.utils.checkpoint import checkpoint


def _segment(blocks):
    def run(h):
        for block in blocks:
            h = block(h)
        return h
    return run


def checkpointed_forward(blocks, x, segments):
    blocks = list(blocks)
    if not 1 <= segments <= len(blocks):
        raise ValueError("segments must be between 1 and len(blocks)")
    if not x.requires_grad:
        x.requires_grad_(True)
    size, extra = divmod(len(blocks), segments)
    start, h = 0, x
    for i in range(segments):
        end = start + size + (1 if i < extra else 0)
        h = checkpoint(_segment(blocks[start:end]), h, use_reentrant=True)
        start = end
    return h
