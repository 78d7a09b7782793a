# expect: parameter gradients match, also when x does not require grad
# Builds each segment's function as a lambda over loop variables: at backward time they all see the last segment.
import torch
from torch.utils.checkpoint import checkpoint


def _run(blocks, h):
    for block in blocks:
        h = block(h)
    return h


def checkpointed_forward(blocks, x, segments):
    blocks = list(blocks)
    if not 1 <= segments <= len(blocks):
        raise ValueError("segments must be between 1 and len(blocks)")
    size, extra = divmod(len(blocks), segments)
    start, h = 0, x
    for i in range(segments):
        end = start + size + (1 if i < extra else 0)
        h = checkpoint(lambda t: _run(blocks[start:end], t), h, use_reentrant=False)
        start = end
    return h
