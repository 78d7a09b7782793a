"""Reference solution for conv2d-unfold (read only by the grader).

cases.py checks it against F.conv2d on every case before grading.
"""

import torch.nn.functional as F


def _pair(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value, value)


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0):
    n, _, h, w = x.shape
    out_channels, _, kh, kw = weight.shape
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    h_out = (h + 2 * ph - kh) // sh + 1
    w_out = (w + 2 * pw - kw) // sw + 1
    patches = F.unfold(x, (kh, kw), padding=(ph, pw), stride=(sh, sw))   # (N, C*kh*kw, L)
    out = weight.reshape(out_channels, -1).matmul(patches)               # (N, O, L)
    if bias is not None:
        out = out + bias.reshape(out_channels, 1)
    return out.reshape(n, out_channels, h_out, w_out)
