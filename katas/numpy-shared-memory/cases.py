"""Cases for numpy-shared-memory: dtypes, 0-dim, Fortran-ordered and strided arrays, tensors needing grad."""

import importlib.util
from pathlib import Path

import torch

from grader.cases import Case

_spec = importlib.util.spec_from_file_location("_numpy_shared_memory_probe", Path(__file__).with_name("probe.py"))
_probe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_probe)

ARRAYS = [("float64", [3, 4], "c"), ("float32", [5], "c"), ("int64", [2, 3, 2], "c"), ("int32", [4, 2], "c"),
          ("uint8", [6], "c"), ("bool", [3, 3], "c"), ("float16", [2, 5], "c"), ("float64", [], "c"),
          ("float64", [3, 5], "fortran"), ("float32", [4, 3], "strided")]
TENSORS = [("float32", [3, 4], "plain"), ("float64", [6], "plain"), ("int64", [2, 3], "plain"),
           ("float32", [4, 5], "requires_grad"), ("float64", [3, 2], "transposed"), ("float32", [], "plain")]


def array_cases():
    return [Case(kwargs={"dtype": d, "shape": s, "layout": lay}, label=f"{d} array {tuple(s)}, {lay} layout")
            for d, s, lay in ARRAYS]


def tensor_cases():
    return [Case(kwargs={"dtype": d, "shape": s, "layout": lay}, label=f"{d} tensor {tuple(s)}, {lay}")
            for d, s, lay in TENSORS]


def _same_values(got, want):
    return got.shape == want.shape and bool(torch.equal(got.to(torch.float64), want.to(torch.float64)))


def check_tensor_shares(case, value, **_):
    if not value.get("is_tensor"):
        return False, f"to_tensor returned {value.get('type')}, not a torch.Tensor", {}
    want = torch.from_numpy(_probe.build_array(**case.kwargs).copy())
    if value["shape"] != list(want.shape) or not _same_values(value["values"], want):
        return False, f"to_tensor returned shape {tuple(value['shape'])} or values that differ from the array's", {}
    if not value["follows_array"]:
        extra = " (torch.asarray, too, copies a 0-dim array)" if not value["shape"] else ""
        return False, ("after the array was changed in place, the tensor still held the old values: to_tensor "
                       "copied the data (torch.tensor and torch.Tensor always copy; torch.from_numpy and "
                       "torch.as_tensor share)" + extra), {}
    if not value["array_follows"]:
        return False, "after the tensor was changed in place, the array did not change: the memory is not shared", {}
    return True, "", {}


def check_tensor_dtype(case, value, **_):
    if not value.get("is_tensor"):
        return False, f"to_tensor returned {value.get('type')}, not a torch.Tensor", {}
    want = case.kwargs["dtype"]
    if value["dtype"] != want:
        return False, (f"a {want} array became a {value['dtype']} tensor; keep the array's dtype "
                       "(torch.Tensor(arr) always makes float32, and astype converts into a new array)"), {}
    return True, "", {}


def check_array_shares(case, value, **_):
    if not value.get("is_array"):
        return False, f"to_numpy returned {value.get('type')}, not a numpy.ndarray", {}
    want = _probe.build_tensor(**case.kwargs).detach()
    if value["shape"] != list(want.shape) or not _same_values(value["values"], want):
        return False, f"to_numpy returned shape {tuple(value['shape'])} or values that differ from the tensor's", {}
    if value["dtype"] != case.kwargs["dtype"]:
        return False, f"a {case.kwargs['dtype']} tensor became a {value['dtype']} array", {}
    if not value["follows_tensor"]:
        return False, ("after the tensor was changed in place, the array still held the old values: to_numpy "
                       "copied the data (np.array(t) and .clone() copy; t.numpy() shares)"), {}
    if not value["tensor_follows"]:
        return False, "after the array was changed in place, the tensor did not change: the memory is not shared", {}
    return True, "", {}
