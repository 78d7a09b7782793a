# expect: center_rows matches the reference
# Reduces over the wrong axis: subtracts each column's mean instead of each row's.
def center_rows(x, col_bias):
    return x - x.mean(dim=0, keepdim=True) + col_bias


def outer_difference(a):
    return a.unsqueeze(1) - a.unsqueeze(0)


def drop_channel(x):
    return x.squeeze(1)
