# expect: forbidden
# Delegates to torch.nn.init.
import math

import torch.nn.init as I


def kaiming_uniform_(tensor, a=0.0, mode="fan_in"):
    return I.kaiming_uniform_(tensor, a=a, mode=mode)


def linear_default_bound(in_features):
    return 1.0 / math.sqrt(in_features)
