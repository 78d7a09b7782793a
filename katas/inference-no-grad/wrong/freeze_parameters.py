# expect: model left in eval mode and otherwise untouched
# Avoids the graph by freezing every parameter, which leaves the model untrainable.
import torch


def predict(model, x):
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model(x)
