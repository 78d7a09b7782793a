"""activation-checkpointing: run a stack of blocks with torch.utils.checkpoint, segment by segment.

Split `blocks` into `segments` contiguous segments (sizes differ by at most one) and run each one
through torch.utils.checkpoint.checkpoint(..., use_reentrant=False). Outputs and gradients must be
those of running the blocks plainly. checkpoint_sequential is not allowed.
Run `quizapp grade activation-checkpointing <this file>`.
"""

import torch
from torch.utils.checkpoint import checkpoint


def checkpointed_forward(blocks, x: torch.Tensor, segments: int) -> torch.Tensor:
    """blocks: a list, nn.ModuleList or nn.Sequential of modules; 1 <= segments <= len(blocks)."""
    raise NotImplementedError
