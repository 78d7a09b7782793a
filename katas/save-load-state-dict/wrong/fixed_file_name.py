# expect: saves a state_dict that opens with weights_only=True
# Ignores the path it is given and always writes model.pt in the current folder.
import torch


def save(model, path):
    torch.save(model.state_dict(), "model.pt")


def load(model_factory, path):
    model = model_factory()
    model.load_state_dict(torch.load("model.pt", weights_only=True))
    return model
