# expect: forbidden
# Hands the work to the library through an alias.
from torch.nn import functional as nnf


def max_pool2d(x, kernel_size, stride=None, padding=0):
    return nnf.max_pool2d(x, kernel_size, stride, padding)
