"""padding-collate: a collate_fn that pads variable-length sequences to the batch's longest.

torch.nn.utils.rnn.pad_sequence / pack_sequence / pad_packed_sequence and torch.nested are not allowed.
Run `quizapp grade padding-collate <this file>`.
"""

import torch


def pad_collate(batch: list, pad_value=0) -> tuple:
    """batch: a list of (sequence, label) items; sequence of shape (L_i, ...) with the same trailing dims
    and dtype, label a Python int or a 0-dim tensor.

    Returns the tuple (padded, lengths, labels):
      padded  (B, L_max, ...) in the sequences' dtype, each sequence at the start of its row, pad_value after it;
      lengths (B,) int64, the original L_i;
      labels  (B,) tensor (Python ints become int64).
    The batch's order is kept; new tensors go on the sequences' device.
    """
    raise NotImplementedError
