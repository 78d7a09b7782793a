"""Reference solution for unbiased-variance (read only by the grader)."""


def variance(x, dim, keepdim=False):
    n = x.shape[dim]
    centred = x - x.mean(dim=dim, keepdim=True)
    return (centred * centred).sum(dim=dim, keepdim=keepdim) / (n - 1)
