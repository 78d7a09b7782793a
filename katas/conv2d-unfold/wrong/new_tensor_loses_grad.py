# expect: gradients
# Writes each output channel into a freshly allocated tensor under no_grad: right values, no graph.
import torch
import torch.nn.functional as F


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_unfold(x, weight, bias=None, stride=1, padding=0):
    n, _, h, w = x.shape
    o, _, kh, kw = weight.shape
    (sh, sw), (ph, pw) = _pair(stride), _pair(padding)
    h_out, w_out = (h + 2 * ph - kh) // sh + 1, (w + 2 * pw - kw) // sw + 1
    cols = F.unfold(x, (kh, kw), padding=(ph, pw), stride=(sh, sw))
    out = torch.zeros(n, o, h_out * w_out, dtype=x.dtype, device=x.device)
    with torch.no_grad():
        for k in range(o):
            out[:, k] = weight[k].reshape(-1) @ cols
            if bias is not None:
                out[:, k] += bias[k]
    return out.reshape(n, o, h_out, w_out)
