# expect: saves a state_dict that opens with weights_only=True
# Saves the list of parameters and copies them back in order: no names, and the buffers are lost.
import torch


def save(model, path):
    torch.save([p.detach() for p in model.parameters()], path)


def load(model_factory, path):
    model = model_factory()
    with torch.no_grad():
        for p, saved in zip(model.parameters(), torch.load(path, weights_only=True)):
            p.copy_(saved)
    return model
