# expect: matches torch.var (unbiased)
# Drops the reduced dim from the mean, so x - mean broadcasts along the wrong dim.
def variance(x, dim, keepdim=False):
    n = x.shape[dim]
    total = ((x - x.mean(dim=dim)) ** 2).sum(dim=dim)
    out = total / (n - 1)
    return out.unsqueeze(dim) if keepdim else out
