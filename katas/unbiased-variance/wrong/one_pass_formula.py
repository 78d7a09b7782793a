# expect: matches torch.var (unbiased)
# Uses E[x^2] - E[x]^2: fine near zero, loses float32 precision for values far from zero.
def variance(x, dim, keepdim=False):
    n = x.shape[dim]
    mean_sq = (x * x).mean(dim=dim, keepdim=keepdim)
    sq_mean = x.mean(dim=dim, keepdim=keepdim) ** 2
    return (mean_sq - sq_mean) * n / (n - 1)
