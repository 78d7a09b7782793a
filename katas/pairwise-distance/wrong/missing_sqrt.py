# expect: distances match the reference (no NaN at zero distance)
# Stops at the sum of squares: these are squared distances.
def pairwise_distance(a, b):
    diff = a.unsqueeze(1) - b.unsqueeze(0)
    return (diff * diff).sum(dim=-1)
