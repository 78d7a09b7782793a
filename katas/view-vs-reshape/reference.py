"""Reference solution for view-vs-reshape (read only by the grader)."""


def merge_last_two(x):
    return x.reshape(*x.shape[:-2], x.shape[-2] * x.shape[-1])
