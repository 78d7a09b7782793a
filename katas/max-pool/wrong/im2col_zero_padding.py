# expect: outputs match F.max_pool2d (incl. padding on negative inputs)
# Reuses F.unfold from convolutions, whose built-in padding is zeros.
import torch.nn.functional as F


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    n, c, h, w = x.shape
    (kh, kw), (ph, pw) = _pair(kernel_size), _pair(padding)
    sh, sw = _pair(kernel_size if stride is None else stride)
    cols = F.unfold(x.reshape(n * c, 1, h, w), (kh, kw), padding=(ph, pw), stride=(sh, sw))
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    return cols.max(dim=1).values.reshape(n, c, h_out, w_out)
