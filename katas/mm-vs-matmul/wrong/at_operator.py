# expect: forbidden
# Uses the @ operator, which the kata forbids.
import torch


def project(x, w):
    return x @ w


def batch_project(x, w):
    return x @ w


def attention_scores(q, k):
    return q @ k.transpose(1, 2)


def similarity(u, v):
    return u @ v
