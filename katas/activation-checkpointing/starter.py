"""activation-checkpointing: 블록 묶음을 구간별로 torch.utils.checkpoint로 실행하기.

`blocks`를 연속된 구간 `segments`개로 나누고(구간 크기 차이는 많아야 1), 구간마다
torch.utils.checkpoint.checkpoint(..., use_reentrant=False)로 실행하세요. 출력과 기울기는
블록을 그냥 차례로 실행했을 때와 같아야 합니다. checkpoint_sequential은 쓸 수 없습니다.
채점하려면 `quizapp grade activation-checkpointing <이 파일>`을 실행하세요.

activation-checkpointing: run a stack of blocks with torch.utils.checkpoint, segment by segment.

Split `blocks` into `segments` contiguous segments (sizes differ by at most one) and run each one
through torch.utils.checkpoint.checkpoint(..., use_reentrant=False). Outputs and gradients must be
those of running the blocks plainly. checkpoint_sequential is not allowed.
Run `quizapp grade activation-checkpointing <this file>`.
"""

import torch
from torch.utils.checkpoint import checkpoint


def checkpointed_forward(blocks, x: torch.Tensor, segments: int) -> torch.Tensor:
    """blocks: 모듈의 list, nn.ModuleList 또는 nn.Sequential; 1 <= segments <= len(blocks).

    blocks: a list, nn.ModuleList or nn.Sequential of modules; 1 <= segments <= len(blocks).
    """
    raise NotImplementedError
