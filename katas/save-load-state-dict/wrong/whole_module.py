# expect: saves a state_dict that opens with weights_only=True
# Pickles the whole module and loads it back with the unsafe loader.
import torch


def save(model, path):
    torch.save(model, path)


def load(model_factory, path):
    model = model_factory()
    model.load_state_dict(torch.load(path, weights_only=False).state_dict())
    return model
