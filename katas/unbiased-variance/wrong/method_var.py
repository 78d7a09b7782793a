# expect: forbidden
# Calls the Tensor method var, which the kata forbids.
def variance(x, dim, keepdim=False):
    return x.var(dim=dim, keepdim=keepdim)
