"""conv-output-size: the spatial size of nn.Conv2d's output, computed by hand.

Run `quizapp grade conv-output-size <this file>`.
"""


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    """Return (H_out, W_out) as a tuple of two Python ints.

    `kernel_size`, `stride`, `padding` and `dilation` are each an int (same for both sides)
    or a pair (for height, for width). Raise ValueError when no output position exists.
    """
    raise NotImplementedError
