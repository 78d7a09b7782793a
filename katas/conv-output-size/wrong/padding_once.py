# expect: sizes match nn.Conv2d (defaults, stride, padding, dilation, pairs)
# Adds the padding once, as if it were only on one edge.


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for size, k, s, p, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding), _pair(dilation)):
        room = size + p - d * (k - 1) - 1
        if room < 0:
            raise ValueError("kernel does not fit")
        out.append(room // s + 1)
    return tuple(out)
