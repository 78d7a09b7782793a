# expect: gradients flow to the max positions, as with F.max_pool2d
# amax over each window: right values, but where the maximum is tied (the zeros after a ReLU) it
# splits the gradient evenly among the tied positions instead of sending it to one, as F.max_pool2d does.
import torch.nn.functional as F


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def max_pool2d(x, kernel_size, stride=None, padding=0):
    (kh, kw), (ph, pw) = _pair(kernel_size), _pair(padding)
    sh, sw = _pair(kernel_size if stride is None else stride)
    padded = F.pad(x, (pw, pw, ph, ph), value=float("-inf"))
    return padded.unfold(2, kh, sh).unfold(3, kw, sw).amax(dim=(-2, -1))
