# expect: forbidden
# Hands the work to torch.nn.init through an alias.
import torch
from torch.nn import init as weight_init


def xavier_uniform_(tensor, gain=1.0):
    return weight_init.xavier_uniform_(tensor, gain=gain)
