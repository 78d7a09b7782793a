"""padding-collate: 길이가 다른 시퀀스를 배치에서 가장 긴 길이에 맞춰 패딩하는 collate_fn.

torch.nn.utils.rnn.pad_sequence / pack_sequence / pad_packed_sequence와 torch.nested는 쓸 수 없습니다.
채점하려면 `quizapp grade padding-collate <이 파일>`을 실행하세요.

padding-collate: a collate_fn that pads variable-length sequences to the batch's longest.

torch.nn.utils.rnn.pad_sequence / pack_sequence / pad_packed_sequence and torch.nested are not allowed.
Run `quizapp grade padding-collate <this file>`.
"""

import torch


def pad_collate(batch: list, pad_value=0) -> tuple:
    """batch: (sequence, label) 항목의 리스트. sequence는 모양 (L_i, ...)이고 뒤쪽 차원과 dtype이
    모두 같으며, label은 파이썬 int 또는 0차원 텐서입니다.

    튜플 (padded, lengths, labels)를 돌려줍니다:
      padded  (B, L_max, ...), 시퀀스의 dtype. 각 시퀀스는 자기 행의 앞쪽에 놓이고 그 뒤는 pad_value;
      lengths (B,) int64, 원래 길이 L_i;
      labels  (B,) 텐서 (파이썬 int는 int64가 됨).
    배치의 순서는 그대로 두고, 새 텐서는 시퀀스가 있는 장치에 만듭니다.

    batch: a list of (sequence, label) items; sequence of shape (L_i, ...) with the same trailing dims
    and dtype, label a Python int or a 0-dim tensor.

    Returns the tuple (padded, lengths, labels):
      padded  (B, L_max, ...) in the sequences' dtype, each sequence at the start of its row, pad_value after it;
      lengths (B,) int64, the original L_i;
      labels  (B,) tensor (Python ints become int64).
    The batch's order is kept; new tensors go on the sequences' device.
    """
    raise NotImplementedError
