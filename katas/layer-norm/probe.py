"""Runs in the submission's process: a LayerNorm's starting parameters, and its forward pass after
load_state_dict with other weight and bias values."""

import torch


def initial_parameters(submission, normalized_shape, eps=1e-5, elementwise_affine=True):
    layer = submission.LayerNorm(normalized_shape, eps=eps, elementwise_affine=elementwise_affine)
    return {name: p.detach().clone() for name, p in layer.named_parameters()}


def forward_with_state(submission, normalized_shape, state, x, eps=1e-5):
    layer = submission.LayerNorm(normalized_shape, eps=eps)
    layer.load_state_dict(state)
    return {"out": layer(x)}
