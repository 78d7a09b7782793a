# expect: matches torch.var (unbiased)
# Divides by n: the population (biased) variance, too small by a factor (n - 1) / n.
def variance(x, dim, keepdim=False):
    centred = x - x.mean(dim=dim, keepdim=True)
    return (centred * centred).mean(dim=dim, keepdim=keepdim)
