"""save-load-state-dict: checkpoint a model's weights and restore them.

Run `quizapp grade save-load-state-dict <this file>`.
"""

import torch


def save(model: torch.nn.Module, path: str) -> None:
    """Write the model's weights (parameters and buffers) to `path`."""
    raise NotImplementedError


def load(model_factory, path: str) -> torch.nn.Module:
    """Build a new model with model_factory(), restore the weights saved at `path` into it, return it."""
    raise NotImplementedError
