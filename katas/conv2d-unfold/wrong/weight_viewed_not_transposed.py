# expect: outputs match F.conv2d
# Needs the weight as (C*kh*kw, O) and gets it with a reshape instead of a transpose: the shapes fit,
# the values are scrambled.
import torch.nn.functional as F


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0):
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    cols = F.unfold(x, (kh, kw), padding=(ph, pw), stride=(sh, sw))      # (N, C*kh*kw, L)
    out = cols.transpose(1, 2) @ weight.reshape(-1, o)                     # (N, L, O)
    out = out.transpose(1, 2)
    if bias is not None:
        out = out + bias[:, None]
    return out.reshape(n, o, (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1)
