# expect: matches torch.var (unbiased)
# Accepts keepdim but never passes it on: the reduced dim always disappears.
def variance(x, dim, keepdim=False):
    n = x.shape[dim]
    centred = x - x.mean(dim=dim, keepdim=True)
    return centred.pow(2).sum(dim=dim) / (n - 1)
