# expect: center_rows matches the reference
# Subtracts the (B,) row means directly: broadcasting lines them up with the columns.
def center_rows(x, col_bias):
    return x - x.mean(dim=1) + col_bias


def outer_difference(a):
    return a.unsqueeze(1) - a.unsqueeze(0)


def drop_channel(x):
    return x.squeeze(1)
