"""The wire format between the grader and the submission's process: one home for both sides.

This module uses the standard library only and never imports torch itself: the functions that
touch tensors take the ``torch`` module as an argument. It is copied into every sandbox beside
``runner.py`` and ``zygote.py`` (the child imports it as ``protocol``), and the grader imports it
as ``grader.protocol``, so both sides encode and decode with the same code.

What crosses:

* **the job** (grader -> child): ``job.pt`` in the grade's folder, ``{"tasks": [payload, ...]}``
  written with :func:`dumps`; a payload holds only inputs (see :func:`call_payload`).
* **the results** (child -> grader): one stream per grade, ``result.bin``: records appended one
  after another, each an 8-byte length followed by a :func:`dumps` blob: a JSON header and the
  tensors' raw bytes, which :func:`loads` reads back without executing anything (as safe as
  ``torch.load(weights_only=True)``, several times faster for small records); records written
  within 50 ms of each other travel in one blob (``kind: "batch"``). The first record is the
  import (``kind: "import"``), then one per task (``kind: "task"``), then ``kind: "done"``. A
  crash midway leaves the records written so far; a torn last record is dropped.

Values are encoded into plain data (:func:`encode`): tensors as ``{"__tensor__": t, "meta":
{...}}`` (what the child's process says about them: device, dtype, shape, strides, storage
pointer, requires_grad, grad_fn, subclass), sequences, mappings, dtypes and opaque objects as
tagged dicts; :func:`decode` rebuilds them on the grader's side with tensors as
:class:`TensorValue`.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from typing import Any

JOB_FILE = "job.pt"
RESULT_FILE = "result.bin"
SUBMISSION_FILE = "submission.py"
PROBE_FILE = "probe.py"
SUBMISSION_MODULE = "submission"
PROBE_MODULE = "probe"
_LENGTH = struct.Struct("<Q")
#: A record larger than this is not believed (the file-size limit is lower anyway).
MAX_RECORD_BYTES = 1 << 30


# ---------------------------------------------------------------- leaves (gradient names)

def arg_leaf(index: int) -> str:
    """The name under which the gradient of positional argument ``index`` travels."""
    return f"arg{index}"


def param_leaf(name: str) -> str:
    """The name under which the gradient of parameter ``name`` travels."""
    return f"param:{name}"


def leaf_label(leaf: str) -> str:
    """``arg0`` -> ``input 0 gradient``; ``param:weight`` -> ``parameter weight gradient``."""
    if leaf.startswith("param:"):
        return f"parameter {leaf[len('param:'):]} gradient"
    if leaf.startswith("arg"):
        return f"input {leaf[3:]} gradient"
    return f"{leaf} gradient"


def leaves(args: list, module: Any = None) -> dict:
    """Leaf name -> tensor for the arguments (and a module's parameters)."""
    named = {arg_leaf(i): a for i, a in enumerate(args)}
    if module is not None:
        named.update({param_leaf(n): p for n, p in module.named_parameters()})
    return named


# ---------------------------------------------------------------- job payloads

def call_payload(target: str, args: list, kwargs: dict, **options: Any) -> dict:
    """A task that calls ``target(*args, **kwargs)`` in the submission."""
    return {"probe": "call", "target": target, "args": args, "kwargs": kwargs, **options}


def module_payload(target: str, init_args: list, init_kwargs: dict, **options: Any) -> dict:
    """A task that builds ``target(*init_args, **init_kwargs)`` (and runs forward when
    ``forward_args`` is given)."""
    return {"probe": "module", "target": target, "init_args": init_args,
            "init_kwargs": init_kwargs, **options}


def custom_payload(target: str, kwargs: dict, **options: Any) -> dict:
    """A task that runs ``probe.<target>(submission, **kwargs)`` from the kata's probe.py."""
    return {"probe": "custom", "target": target, "kwargs": kwargs, **options}


def job_bytes(torch: Any, tasks: list[dict]) -> bytes:
    """The job file's content for ``tasks``."""
    return dumps(torch, {"tasks": tasks})


def read_job(torch: Any, path: str) -> list[dict]:
    """The tasks of a job file."""
    with open(path, "rb") as handle:
        return loads(torch, handle.read())["tasks"]


# ---------------------------------------------------------------- the result stream

def write_record(handle: Any, torch: Any, record: dict) -> None:
    """Append one record to the result stream and flush it to the file."""
    try:
        blob = dumps(torch, record)
    except Exception as exc:  # an unsendable value is the submission's problem, reported as such
        blob = dumps(torch, {"kind": record.get("kind"), "id": record.get("id"), "ok": False,
                             "error": f"result could not be serialised: {exc}"[:2000],
                             "output": str(record.get("output", ""))})
    handle.write(_LENGTH.pack(len(blob)) + blob)
    handle.flush()


class RecordWriter:
    """Writes records to the stream in batches: one blob per ``interval_s`` (and at the end)
    instead of one per task, which halves the cost of a grade on both sides; a process that dies
    loses at most the records of its last interval."""

    def __init__(self, handle: Any, torch: Any, interval_s: float = 0.05):
        import time

        self.handle, self.torch, self.interval_s, self.clock = handle, torch, interval_s, time.monotonic
        self.pending: list[dict] = []
        self.last = self.clock()

    def add(self, record: dict, flush: bool = False) -> None:
        self.pending.append(record)
        if flush or self.clock() - self.last >= self.interval_s:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        if len(self.pending) == 1:
            write_record(self.handle, self.torch, self.pending[0])
        else:
            try:
                write_record(self.handle, self.torch, {"kind": "batch", "records": self.pending})
            except Exception:  # noqa: BLE001 - one unsaveable record must not lose the others
                for record in self.pending:
                    write_record(self.handle, self.torch, record)
        self.pending = []
        self.last = self.clock()


def read_records(torch: Any, data: bytes) -> list[dict]:
    """Every whole record of a result stream; a torn or unloadable record ends the list with a
    record that says so (``kind: "broken"``)."""
    records, offset = [], 0
    while offset + _LENGTH.size <= len(data):
        (size,) = _LENGTH.unpack_from(data, offset)
        start, end = offset + _LENGTH.size, offset + _LENGTH.size + size
        if size > MAX_RECORD_BYTES or end > len(data):
            break  # torn write: the process died while writing it
        try:
            record = loads(torch, data[start:end])
        except Exception as exc:  # whatever the bytes hold, they are only data or nothing
            records.append({"kind": "broken", "ok": False,
                            "error": f"the result could not be loaded safely ({type(exc).__name__})"})
            break
        if not isinstance(record, dict):
            records.append({"kind": "broken", "ok": False, "error": "the result is not a record"})
            break
        if record.get("kind") == "batch" and isinstance(record.get("records"), list):
            records.extend(r for r in record["records"] if isinstance(r, dict))
        else:
            records.append(record)
        offset = end
    return records


# ---------------------------------------------------------------- the codec

#: Tags the codec gives what JSON has no word for.
_TAGS = ("__tuple__", "__dict__", "__buffer__", "__dtype_name__")


def dumps(torch: Any, value: Any) -> bytes:
    """``value`` (dicts, lists, tuples, str, int, float, bool, None, dtypes, tensors) as bytes: a
    JSON header and the tensors' raw bytes. As safe to load as ``weights_only=True`` (nothing in
    it is ever executed) and several times faster for small records."""
    buffers: list[bytes] = []
    specs: list[dict] = []

    def pack(item: Any) -> Any:
        if item is None or isinstance(item, (bool, int, float, str)):
            return item
        if isinstance(item, torch.Tensor):
            t = item.detach()
            if t.device.type != "cpu":
                t = t.cpu()
            stride = None
            if t.layout == torch.strided and t.numel() and not t.is_contiguous():
                span = 1 + sum((n - 1) * st for n, st in zip(t.shape, t.stride()))
                if span <= 4 * t.numel() + 1024:  # keep the layout (views, expands) when cheap
                    stride = list(t.stride())
                    flat = t.as_strided((span,), (1,), t.storage_offset()).clone()
                    raw = flat.view(torch.uint8).numpy().tobytes()
            if stride is None:
                # a size-1 dim may have any stride, even in a "contiguous" tensor: make the flat copy
                # dense explicitly before viewing its bytes
                flat = t.reshape(-1)
                if flat.numel() and flat.stride(0) != 1:
                    flat = flat.clone(memory_format=torch.contiguous_format)
                raw = flat.view(torch.uint8).numpy().tobytes() if t.numel() else b""
            specs.append({"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                          "nbytes": len(raw), **({"stride": stride} if stride else {})})
            buffers.append(raw)
            return {"__buffer__": len(buffers) - 1}
        if isinstance(item, torch.dtype):
            return {"__dtype_name__": str(item).replace("torch.", "")}
        if isinstance(item, tuple):
            return {"__tuple__": [pack(v) for v in item]}
        if isinstance(item, list):
            return [pack(v) for v in item]
        if isinstance(item, dict):
            if all(isinstance(k, str) and k not in _TAGS for k in item):
                return {k: pack(v) for k, v in item.items()}
            return {"__dict__": [[pack(k), pack(v)] for k, v in item.items()]}
        raise TypeError(f"cannot send a {type(item).__name__}")

    body = pack(value)
    header = json.dumps({"body": body, "buffers": specs}, separators=(",", ":")).encode()
    return _LENGTH.pack(len(header)) + header + b"".join(buffers)


def loads(torch: Any, data: bytes) -> Any:
    """The value :func:`dumps` wrote; ValueError for anything else."""
    if len(data) < _LENGTH.size:
        raise ValueError("no header")
    (size,) = _LENGTH.unpack_from(data)
    try:
        header = json.loads(data[_LENGTH.size:_LENGTH.size + size])
        specs = header["buffers"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"bad header: {exc}") from None
    tensors, offset = [], _LENGTH.size + size
    for spec in specs:
        dtype = getattr(torch, str(spec.get("dtype")), None)
        shape = spec.get("shape")
        nbytes = spec.get("nbytes")
        if not isinstance(dtype, torch.dtype) or not isinstance(shape, list) or not isinstance(nbytes, int) \
                or not all(isinstance(n, int) and n >= 0 for n in shape) or offset + nbytes > len(data):
            raise ValueError("bad tensor")
        if nbytes:
            flat = torch.frombuffer(bytearray(data[offset:offset + nbytes]), dtype=torch.uint8).view(dtype)
            stride = spec.get("stride")
            if isinstance(stride, list) and len(stride) == len(shape) and \
                    all(isinstance(n, int) and n >= 0 for n in stride) and \
                    1 + sum((n - 1) * st for n, st in zip(shape, stride)) <= flat.numel():
                tensors.append(flat.as_strided(shape, stride))
            else:
                tensors.append(flat.reshape(shape))
        else:
            tensors.append(torch.empty(shape, dtype=dtype))
        offset += nbytes

    def unpack(item: Any) -> Any:
        if isinstance(item, list):
            return [unpack(v) for v in item]
        if not isinstance(item, dict):
            return item
        if len(item) == 1:
            (tag, inner), = item.items()
            if tag == "__buffer__" and isinstance(inner, int) and 0 <= inner < len(tensors):
                return tensors[inner]
            if tag == "__tuple__" and isinstance(inner, list):
                return tuple(unpack(v) for v in inner)
            if tag == "__dict__" and isinstance(inner, list):
                return {_hashable(unpack(k)): unpack(v) for k, v in inner}
            if tag == "__dtype_name__" and isinstance(getattr(torch, str(inner), None), torch.dtype):
                return getattr(torch, str(inner))
        return {k: unpack(v) for k, v in item.items()}

    return unpack(header.get("body"))


# ---------------------------------------------------------------- values

def encode(torch: Any, value: Any) -> Any:
    """Turn a result into plain data the grader can load with weights_only=True."""
    if isinstance(value, torch.Tensor):
        return encode_tensor(torch, value)
    if isinstance(value, (bool, int, float, str, type(None))):
        return value
    if isinstance(value, torch.Size):
        return {"__seq__": "tuple", "items": [int(v) for v in value]}
    if isinstance(value, (list, tuple)):
        return {"__seq__": "tuple" if isinstance(value, tuple) else "list",
                "items": [encode(torch, v) for v in value]}
    if isinstance(value, dict):
        return {"__map__": [[encode(torch, k), encode(torch, v)] for k, v in value.items()]}
    if isinstance(value, torch.dtype):
        return {"__dtype__": str(value)}
    return {"__object__": type(value).__name__, "repr": _repr_safely(value)}


def _repr_safely(value: Any) -> str:
    try:
        return repr(value)[:200]
    except BaseException:  # noqa: BLE001 - a hostile __repr__ may raise anything
        return "<unrepresentable>"


def encode_tensor(torch: Any, t: Any) -> dict:
    """A tensor as data: its values (CPU, views kept unless the storage is much larger) and what
    the child's process says about it."""
    subclass = None
    if type(t) not in (torch.Tensor, torch.nn.Parameter):
        subclass = type(t).__name__
        with torch._C.DisableTorchFunctionSubclass():
            t = t.as_subclass(torch.Tensor)
    strided = t.layout == torch.strided
    meta = {
        "device": str(t.device), "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape), "stride": list(t.stride()) if strided else None,
        "storage_offset": t.storage_offset() if strided else None,
        "requires_grad": bool(t.requires_grad), "grad_fn": type(t.grad_fn).__name__ if t.grad_fn else None,
        "is_leaf": bool(t.is_leaf), "subclass": subclass,
        "parameter": isinstance(t, torch.nn.Parameter),
    }
    if t.device.type == "meta":
        meta["storage_ptr"] = None
        return {"__tensor__": None, "meta": meta}
    try:
        meta["storage_ptr"] = t.untyped_storage().data_ptr()
    except Exception:  # noqa: BLE001 - sparse and other layouts have no plain storage
        meta["storage_ptr"] = None
    data = t.detach()
    if data.device.type != "cpu":
        data = data.cpu()
    if not strided or data.untyped_storage().nbytes() > 4 * max(1, data.numel() * data.element_size()) + 4096:
        data = data.clone()
    return {"__tensor__": data, "meta": meta}


@dataclass
class TensorValue:
    """A tensor that came back from the submission, with what its process said about it."""

    tensor: Any
    meta: dict


def decode(value: Any, dtypes: Any = None) -> Any:
    """Rebuild the structure :func:`encode` made (tensors become :class:`TensorValue`).

    ``dtypes``: the torch module, to turn ``{"__dtype__": ...}`` back into a dtype.
    """
    if isinstance(value, dict):
        if "__tensor__" in value:
            return TensorValue(value["__tensor__"], value.get("meta") or {})
        if "__seq__" in value:
            items = [decode(v, dtypes) for v in value.get("items") or []]
            return tuple(items) if value["__seq__"] == "tuple" else items
        if "__map__" in value:
            return {_hashable(decode(k, dtypes)): decode(v, dtypes) for k, v in value["__map__"]}
        if "__dtype__" in value and dtypes is not None:
            return getattr(dtypes, str(value["__dtype__"]).replace("torch.", ""), value["__dtype__"])
        return {k: decode(v, dtypes) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v, dtypes) for v in value]
    return value


def _hashable(key: Any) -> Any:
    try:
        hash(key)
    except TypeError:
        return repr(key)
    return key


def plain(value: Any) -> Any:
    """A decoded value with each TensorValue replaced by its tensor (for a kata's evaluators)."""
    if isinstance(value, TensorValue):
        return value.tensor
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- module structure

def tensor_summary(torch: Any, t: Any) -> dict:
    """Shape, dtype and requires_grad of a parameter or buffer."""
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "requires_grad": bool(t.requires_grad)}


def attribute_summary(torch: Any, module: Any, name: str) -> dict:
    """What ``module.<name>`` is: missing, None, a tensor (a parameter?), or another type."""
    if not hasattr(module, name):
        return {"missing": True}
    value = getattr(module, name)
    if value is None:
        return {"none": True}
    if isinstance(value, torch.Tensor):
        return {"tensor": True, "parameter": isinstance(value, torch.nn.Parameter),
                "shape": list(value.shape)}
    return {"type": type(value).__name__}


def structure_summary(torch: Any, module: Any, attributes: list[str], values: bool = True) -> dict:
    """What a module registered: parameters, buffers, state_dict (with copies of the values when
    ``values``, else only the keys), submodules and the named attributes."""
    state = module.state_dict()
    return {
        "class": type(module).__name__,
        "is_module": isinstance(module, torch.nn.Module),
        "parameters": {n: tensor_summary(torch, p) for n, p in module.named_parameters()},
        "buffers": {n: tensor_summary(torch, b) for n, b in module.named_buffers()},
        # Copies: forward may update buffers in place before the result is saved.
        "state_dict": ({k: encode(torch, v.detach().clone()) for k, v in state.items()} if values
                       else {k: None for k in state}),
        "modules": [[n, type(s).__name__] for n, s in module.named_modules() if n],
        "attributes": {a: attribute_summary(torch, module, a) for a in attributes},
    }
