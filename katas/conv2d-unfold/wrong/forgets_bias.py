# expect: outputs match F.conv2d
# Computes the patches and the product correctly but never adds the bias.
import torch.nn.functional as F


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0):
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    cols = F.unfold(x, (kh, kw), padding=(ph, pw), stride=(sh, sw))
    out = weight.reshape(o, -1) @ cols
    return out.reshape(n, o, (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1)
