"""Reference solution for max-pool (read only by the grader).

cases.py checks it against F.max_pool2d (values and gradients) on every case before grading.
"""

import torch.nn.functional as F


def _pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(stride if stride is not None else kernel_size)
    ph, pw = _pair(padding)
    # Padding must never win a max, so it is -inf rather than zero.
    padded = F.pad(x, (pw, pw, ph, ph), value=float("-inf"))
    windows = padded.unfold(2, kh, sh).unfold(3, kw, sw)     # (N, C, H_out, W_out, kh, kw)
    return windows.flatten(-2).max(dim=-1).values
