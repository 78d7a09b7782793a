# expect: distances match the reference (no NaN at zero distance)
# Subtracts the point sets directly: an error when N != M, and only N distances (a with b, row by row) when N == M.
def pairwise_distance(a, b):
    return (a - b).pow(2).sum(dim=-1).sqrt()
