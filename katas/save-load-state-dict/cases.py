"""Cases for save-load-state-dict: two architectures with buffers, several paths and extensions."""

import torch

from grader.cases import Case

SETTINGS = [
    (dict(kind="mlp", seed=1, folder="checkpoints", filename="mlp.pt"), "an MLP with BatchNorm, checkpoints/mlp.pt"),
    (dict(kind="cnn", seed=2, folder="runs/epoch_3", filename="weights.pth"),
     "a small CNN with BatchNorm, runs/epoch_3/weights.pth"),
    (dict(kind="mlp", seed=3, folder="out_models", filename="best.ckpt"), "an MLP, a .ckpt file name"),
]


def round_trip_cases():
    return [Case(kwargs=kwargs, seed=kwargs["seed"], label=label) for kwargs, label in SETTINGS]


def check_file(case, value, **_):
    path = f"{case.kwargs['folder']}/{case.kwargs['filename']}"
    if not value["exists"]:
        elsewhere = f" (new files in that folder: {value['new_files']})" if value["new_files"] else ""
        return False, f"no file was written at {path}{elsewhere}: save to the path you are given", {}
    if value["safe_error"]:
        return False, (f"torch.load({path!r}, weights_only=True) fails: {value['safe_error']}\n"
                       "likely cause: torch.save(model) pickles the whole module, whose class must then be "
                       "importable and trusted; save model.state_dict() (tensors only) instead"), {}
    if value["safe_keys"] is None:
        return False, (f"the file holds a {value['safe_type']}, not a state_dict (a dict from names to tensors); "
                       "save model.state_dict()"), {}
    want = list(value["original"].keys())
    if value["safe_keys"] != want or not value["safe_values_tensors"]:
        missing = [k for k in want if k not in value["safe_keys"]]
        extra = [k for k in value["safe_keys"] if k not in want]
        return False, (f"the saved dict is not the model's state_dict: missing {missing or 'nothing'}, "
                       f"unexpected {extra or 'nothing'} (named_parameters() leaves out buffers such as "
                       "BatchNorm's running statistics)"), {}
    return True, "", {}


BUFFER_WORDS = ("running_mean", "running_var", "num_batches_tracked")


def check_restored(case, value, **_):
    if value["load_error"]:
        return False, f"load raised {value['load_error']}", {}
    if not value["loaded_is_module"]:
        hint = (" (load_state_dict returns the missing/unexpected keys, not the model)"
                if value["loaded_type"] == "_IncompatibleKeys" else "")
        return False, f"load returned a {value['loaded_type']}, expected the model{hint}", {}
    if value["factory_calls"] != 1:
        return False, f"load called model_factory {value['factory_calls']} times; build the model once", {}
    original, loaded = value["original"], value["loaded"]
    if list(loaded.keys()) != list(original.keys()):
        return False, "the loaded model has other state_dict keys than the saved one", {}
    differ = [k for k in original if not torch.equal(loaded[k], original[k])]
    if not differ:
        return True, "", {}
    if all(k.endswith(BUFFER_WORDS) for k in differ):
        hint = ("only the parameters were restored; buffers (BatchNorm's running_mean, running_var, "
                "num_batches_tracked) belong to the state_dict too")
    elif value["fresh"] is not None and all(torch.equal(loaded[k], value["fresh"][k]) for k in loaded):
        hint = ("the saved weights never reached the model: call "
                "model.load_state_dict(torch.load(path, weights_only=True))")
    else:
        hint = None
    return False, (f"after load these entries differ from the saved model's: {differ}"
                   + (f"\nlikely cause: {hint}" if hint else "")), {}
