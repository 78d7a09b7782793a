"""device-agnostic: create new tensors where (and as what) the input lives.

Run `quizapp grade device-agnostic <this file>`.
"""

import math

import torch


def add_positions(x: torch.Tensor) -> torch.Tensor:
    """x of shape (..., T, D) plus the sinusoidal position table PE (T, D); same device and dtype as x."""
    raise NotImplementedError


def mask_future(scores: torch.Tensor) -> torch.Tensor:
    """scores (..., T, T) with every entry above the diagonal (key after query) set to -inf; a new tensor."""
    raise NotImplementedError
