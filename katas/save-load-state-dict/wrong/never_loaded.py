# expect: load returns a new model with every parameter and buffer restored
# Reads the file but never puts its contents into the model: the fresh random weights come back.
import torch


def save(model, path):
    torch.save(model.state_dict(), path)


def load(model_factory, path):
    model = model_factory()
    torch.load(path, weights_only=True)
    return model
