"""Reference solution for save-load-state-dict (read only by the grader)."""

import torch


def save(model, path):
    torch.save(model.state_dict(), path)


def load(model_factory, path):
    model = model_factory()
    model.load_state_dict(torch.load(path, weights_only=True, map_location="cpu"))
    return model
