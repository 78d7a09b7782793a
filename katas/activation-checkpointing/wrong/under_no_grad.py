# expect: parameter gradients match, also when x does not require grad
# Runs the segments under torch.no_grad() to "not keep activations": nothing is recorded, so nothing can be trained.
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
    with torch.no_grad():
        for i in range(segments):
            end = start + size + (1 if i < extra else 0)
            h = checkpoint(_segment(blocks[start:end]), h, use_reentrant=False)
            start = end
    return h
