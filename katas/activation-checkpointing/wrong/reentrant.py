# expect: parameter gradients match, also when x does not require grad
# Uses the old reentrant checkpoint: when x does not require grad, the output has no graph and the weights no gradient.
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
        h = checkpoint(_segment(blocks[start:end]), h, use_reentrant=True)
        start = end
    return h
