# expect: raises
# Forgets to reject 1-D tensors; the indexing error is not the ValueError callers expect.
import math

import torch


def xavier_uniform_(tensor, gain=1.0):
    receptive = math.prod(tensor.shape[2:])
    bound = gain * math.sqrt(6.0 / ((tensor.shape[0] + tensor.shape[1]) * receptive))
    with torch.no_grad():
        return tensor.uniform_(-bound, bound)
