# expect: gradients
# Right values from Python loops, but the result is rebuilt with torch.tensor: no autograd graph.
import torch
import torch.nn.functional as F


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    n, c, h, w = x.shape
    (kh, kw), (ph, pw) = _pair(kernel_size), _pair(padding)
    sh, sw = _pair(kernel_size if stride is None else stride)
    padded = F.pad(x, (pw, pw, ph, ph), value=float("-inf"))
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    rows = [[[[float(padded[a, b, i * sh:i * sh + kh, j * sw:j * sw + kw].max()) for j in range(w_out)]
              for i in range(h_out)] for b in range(c)] for a in range(n)]
    return torch.tensor(rows, dtype=x.dtype, device=x.device)
