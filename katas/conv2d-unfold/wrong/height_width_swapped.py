# expect: outputs match F.conv2d
# Reshapes the L patches as (W_out, H_out) and transposes back: right shape, wrong layout
# whenever the output is not square.
import torch.nn.functional as F


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0):
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    cols = F.unfold(x, (kh, kw), padding=(ph, pw), stride=(sh, sw))
    out = (weight.reshape(o, -1) @ cols).reshape(n, o, w_out, h_out).transpose(2, 3)
    if bias is not None:
        out = out + bias.reshape(o, 1, 1)
    return out
