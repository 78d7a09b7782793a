# expect: forbidden
# Calls the library initialiser by attribute lookup.
import torch


def xavier_normal_(tensor, gain=1.0):
    init = getattr(torch.nn, "init")
    return init.xavier_normal_(tensor, gain=gain)
