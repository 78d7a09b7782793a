"""Reference solution for inference-no-grad (read only by the grader)."""

import torch


def predict(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)
