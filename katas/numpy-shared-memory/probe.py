"""Runs in the submission's process: convert, change one side in place, look at the other side."""

import numpy as np
import torch


def build_array(dtype, shape, layout):
    """A deterministic NumPy array: C order, Fortran order, or a strided slice of a bigger one."""
    size = int(np.prod(shape)) if shape else 1
    if layout == "strided":
        values = np.arange(2 * size, dtype=np.float64)
        base = (values % 2 == 0) if dtype == "bool" else (values * 1.5 - 7).astype(dtype)
        return base.reshape(*shape[:-1], 2 * shape[-1])[..., ::2]
    values = np.arange(size, dtype=np.float64)
    arr = ((values % 3 == 0) if dtype == "bool" else (values * 1.5 - 7).astype(dtype)).reshape(shape)
    return np.asfortranarray(arr) if layout == "fortran" else arr


def build_tensor(dtype, shape, layout):
    """A deterministic CPU tensor: contiguous, transposed, or a leaf that requires grad."""
    size = 1
    for s in shape:
        size *= s
    t = (torch.arange(size, dtype=torch.float64) * 0.5 - 3).to(getattr(torch, dtype)).reshape(shape)
    if layout == "transposed":
        t = t.mT
    if layout == "requires_grad":
        t.requires_grad_(True)
    return t


def _bump_array(arr):
    if arr.dtype == np.bool_:
        np.logical_not(arr, out=arr)
    else:
        np.add(arr, 1, out=arr, casting="unsafe")


def _bump_tensor(t):
    with torch.no_grad():
        if t.dtype == torch.bool:
            t.logical_not_()
        else:
            t.add_(1)


def array_to_tensor(submission, dtype, shape, layout):
    arr = build_array(dtype, shape, layout)
    out = submission.to_tensor(arr)
    if not isinstance(out, torch.Tensor):
        return {"is_tensor": False, "type": type(out).__name__}
    report = {"is_tensor": True, "dtype": str(out.dtype).replace("torch.", ""), "shape": list(out.shape),
              "values": out.detach().clone()}
    _bump_array(arr)
    report["follows_array"] = bool(torch.equal(out.detach().to(torch.float64),
                                               torch.from_numpy(arr.copy()).to(torch.float64)))
    _bump_tensor(out)
    report["array_follows"] = bool(torch.equal(out.detach().to(torch.float64),
                                               torch.from_numpy(arr.copy()).to(torch.float64)))
    return report


def tensor_to_array(submission, dtype, shape, layout):
    t = build_tensor(dtype, shape, layout)
    out = submission.to_numpy(t)
    if not isinstance(out, np.ndarray):
        return {"is_array": False, "type": type(out).__name__}
    report = {"is_array": True, "dtype": str(out.dtype), "shape": list(out.shape),
              "values": torch.from_numpy(np.array(out, copy=True))}
    _bump_tensor(t)
    report["follows_tensor"] = bool(np.array_equal(out, t.detach().numpy()))
    _bump_array(out)
    report["tensor_follows"] = bool(np.array_equal(out, t.detach().numpy()))
    return report
