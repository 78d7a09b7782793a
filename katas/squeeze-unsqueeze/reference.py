"""Reference solution for squeeze-unsqueeze (read only by the grader)."""


def center_rows(x, col_bias):
    return x - x.mean(dim=1).unsqueeze(1) + col_bias.unsqueeze(0)


def outer_difference(a):
    return a.unsqueeze(1) - a.unsqueeze(0)


def drop_channel(x):
    return x.squeeze(1)
