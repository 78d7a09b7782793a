"""Runs in the submission's process: build the candidate's networks and exercise them."""

import torch


def _state(module):
    return {key: value.detach().clone() for key, value in module.state_dict().items()}


def build_sequential(submission, sizes, x):
    """make_sequential's network: its type, children, state_dict and output on x."""
    seq = submission.make_sequential(list(sizes))
    children = [type(m).__name__ for m in seq.children()] if isinstance(seq, torch.nn.Module) else None
    return {"is_sequential": isinstance(seq, torch.nn.Sequential), "type": type(seq).__name__,
            "children": children, "state": _state(seq) if children is not None else None,
            "out": seq(x) if children is not None else None}


def _load(target, state):
    try:
        target.load_state_dict(state)
    except Exception as exc:  # noqa: BLE001 - reported to the grader as data
        return f"{type(exc).__name__}: {exc}"[:600]
    return None


def swap_weights(submission, sizes, x):
    """Load make_sequential's weights into MLP and MLP's into make_sequential; run both on x."""
    seq, mlp = submission.make_sequential(list(sizes)), submission.MLP(list(sizes))
    result = {"seq_keys": list(seq.state_dict()), "mlp_keys": list(mlp.state_dict())}
    mlp_from_seq = submission.MLP(list(sizes))
    result["seq_into_mlp_error"] = _load(mlp_from_seq, seq.state_dict())
    if result["seq_into_mlp_error"] is None:
        result["seq_out"], result["mlp_from_seq_out"] = seq(x), mlp_from_seq(x)
    seq_from_mlp = submission.make_sequential(list(sizes))
    result["mlp_into_seq_error"] = _load(seq_from_mlp, mlp.state_dict())
    if result["mlp_into_seq_error"] is None:
        result["mlp_out"], result["seq_from_mlp_out"] = mlp(x), seq_from_mlp(x)
    return result
