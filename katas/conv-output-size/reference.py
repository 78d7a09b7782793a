"""Reference solution for conv-output-size (read only by the grader)."""


def _pair(value):
    if isinstance(value, (tuple, list)):
        first, second = value
        return int(first), int(second)
    return int(value), int(value)


def _one_side(size, kernel, stride, padding, dilation):
    reach = dilation * (kernel - 1) + 1          # span of the dilated kernel
    room = size + 2 * padding - reach            # how far the kernel can slide
    if room < 0:
        raise ValueError(f"the dilated kernel ({reach}) is larger than the padded input ({size + 2 * padding})")
    return room // stride + 1


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    dh, dw = _pair(dilation)
    return _one_side(h, kh, sh, ph, dh), _one_side(w, kw, sw, pw, dw)
