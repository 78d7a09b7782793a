# expect: gradient of x matches (and x is left alone when it does not require grad)
# Detaches the input before the first checkpoint "because checkpoint only needs the values": x gets no gradient.
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
    start, h = 0, x.detach()
    for i in range(segments):
        end = start + size + (1 if i < extra else 0)
        h = checkpoint(_segment(blocks[start:end]), h, use_reentrant=False)
        start = end
    return h
