# expect: raises
# Right formula, but returns zero or negative sizes instead of rejecting a kernel that fits nowhere.


def _pair(v):
    return tuple(v) if isinstance(v, (tuple, list)) else (v, v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    return tuple((size + 2 * p - d * (k - 1) - 1) // s + 1
                 for size, k, s, p, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                                            _pair(dilation)))
