"""The submission's side of a grade. Runs inside the sandboxed child process.

This file is copied into the child's working folder and run as a plain script: it imports
nothing from the grader (the grader is not on the child's import path) and holds nothing
worth stealing. It imports the submission, waits for the job (inputs only) on a pipe, runs each
task against the submission, and writes each task's result as data (tensors, numbers, strings)
into ``out/``. The grader loads those files with ``torch.load(weights_only=True)`` and decides
the verdict; nothing this process says about correctness is trusted.

Usage: runner.py WORKDIR JOB_FD CONFIG_JSON
"""

import builtins
import faulthandler
import importlib.util
import io
import json
import os
import sys
import time
import traceback

OUTPUT_CAP = 4000  # characters of print output kept per task


class CappedWriter(io.TextIOBase):
    """A text stream that keeps the first characters written and counts the rest."""

    def __init__(self, cap=OUTPUT_CAP):
        self.cap, self.parts, self.kept, self.dropped = cap, [], 0, 0

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        room = self.cap - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def value(self):
        text = "".join(self.parts)
        if self.dropped:
            text += f"\n[... {self.dropped} more characters of output cut]"
        return text


def main():
    workdir, job_fd, config = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
    sys.path[:] = [p for p in config["sys_path"]] + [workdir]
    os.chdir(workdir)
    faulthandler.enable(sys.__stderr__)
    out_dir = os.path.join(workdir, "out")

    import torch

    torch.set_num_threads(1)
    if config.get("warm_meta"):
        # The first operations on the meta device load torch's meta kernels (seconds); do it
        # before the submission's clock starts.
        probe = torch.empty(2, 3, device="meta")
        (probe @ probe.mT + 1).sum(-1).softmax(0)
    os.makedirs(out_dir, exist_ok=True)
    open(os.path.join(out_dir, "ready"), "wb").close()  # starts the grader's wall clock
    state = {"violations": [], "ops": None, "submission_file": os.path.join(workdir, "submission.py")}
    install_api_guards(torch, config.get("forbidden_apis", []), state)

    save = make_saver(torch, out_dir)
    capture = CappedWriter()
    started = time.perf_counter()
    module, error = import_submission(state["submission_file"], capture)
    record = {
        "ok": error is None,
        "duration_s": time.perf_counter() - started,
        "output": capture.value(),
        "violations": list(state["violations"]),
        "names": sorted(n for n in dir(module) if not n.startswith("__")) if module else [],
    }
    if error:
        record.update(error)
    save("import", record)
    if module is None:
        return

    with os.fdopen(job_fd, "rb") as pipe:
        job_bytes = pipe.read()
    job = torch.load(io.BytesIO(job_bytes), weights_only=True)

    for task in job["tasks"]:
        save(f"task-{task['id']:04d}", run_task(torch, module, task, state))
    save("done", {"ok": True})


def import_submission(path, capture):
    """Import the submission as module ``submission``; any failure becomes data."""
    spec = importlib.util.spec_from_file_location("submission", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["submission"] = module
    try:
        with redirect_output(capture):
            spec.loader.exec_module(module)
    except BaseException as exc:  # SystemExit and KeyboardInterrupt too: they are the submission's
        return None, describe_exception(exc, "import")
    return module, None


class redirect_output:
    """Send Python-level prints of the submission to a capped buffer."""

    def __init__(self, writer):
        self.writer = writer

    def __enter__(self):
        self.saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self.writer

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self.saved
        return False


def describe_exception(exc, phase):
    """A data description of an exception raised by the submission."""
    if isinstance(exc, SystemExit):
        message = f"the submission called sys.exit({exc.code!r}) during {phase}"
    elif isinstance(exc, MemoryError):
        message = f"ran out of memory during {phase} (MemoryError)"
    elif isinstance(exc, NotImplementedError) and not str(exc):
        message = "NotImplementedError (not implemented yet: still the starter?)"
    else:
        message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    tb = traceback.extract_tb(exc.__traceback__)
    sub_frames = [f for f in tb if f.filename.endswith("submission.py")]
    line = sub_frames[-1].lineno if sub_frames else None
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.endswith("submission.py"):
        line = exc.lineno
    return {
        "ok": False,
        "error": message[:2000],
        "exception": type(exc).__name__,
        "exception_mro": [c.__name__ for c in type(exc).__mro__],
        "line": line,
        "traceback": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-3000:],
    }


def called_from_submission(path):
    """True when the submission's file is anywhere on the current call stack."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename == path:
            return True
        frame = frame.f_back
    return False


def install_api_guards(torch, dotted_names, state):
    """Replace forbidden APIs with wrappers that record and refuse calls made by the submission.

    The grader also scans the source (AST); this catches indirect calls (getattr, aliases).
    A module name (``torch.nn.init``) guards every public function in it.
    """
    import importlib
    import types

    for dotted in dotted_names:
        try:
            target = importlib.import_module(dotted)
        except ImportError:
            target = None
        if isinstance(target, types.ModuleType):
            for name in dir(target):
                if not name.startswith("_") and callable(getattr(target, name)) \
                        and not isinstance(getattr(target, name), type):
                    guard_attribute(target, name, f"{dotted}.{name}", state)
            continue
        owner_name, _, attr = dotted.rpartition(".")
        owner = resolve_dotted(importlib, owner_name)  # a module, or a class such as torch.Tensor
        if owner is not None and hasattr(owner, attr):
            guard_attribute(owner, attr, dotted, state)


def resolve_dotted(importlib, dotted):
    """The object a dotted name denotes: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            target = getattr(target, name, None)
            if target is None:
                return None
        return target
    return None


def guard_attribute(owner, attr, dotted, state):
    original = getattr(owner, attr)
    path = state["submission_file"]

    def check():
        if called_from_submission(path):
            if dotted not in state["violations"]:
                state["violations"].append(dotted)
            raise RuntimeError(f"{dotted} is not allowed in this kata")

    if isinstance(original, type):
        class Guarded(original):
            def __init__(self, *args, **kwargs):
                check()
                super().__init__(*args, **kwargs)
        Guarded.__name__ = Guarded.__qualname__ = original.__name__
        Guarded.__module__ = original.__module__
        setattr(owner, attr, Guarded)
    else:
        def guarded(*args, **kwargs):
            check()
            return original(*args, **kwargs)
        guarded.__name__ = getattr(original, "__name__", attr)
        guarded.__wrapped__ = original
        setattr(owner, attr, guarded)


def make_op_tracer(torch, state):
    """A TorchFunctionMode that records which torch operations the submission calls."""
    from torch.overrides import TorchFunctionMode

    path = state["submission_file"]

    class OpTracer(TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.ops = []

        def __torch_function__(self, func, types, args=(), kwargs=None):
            name = op_name(func)
            if name and name not in self.ops and called_from_submission(path):
                self.ops.append(name)
            return func(*args, **(kwargs or {}))

    return OpTracer()


def op_name(func):
    """``torch.mm`` / ``Tensor.mm`` / ``torch.nn.functional.linear`` style names."""
    name = getattr(func, "__name__", None)
    if name is None or name == "__get__":
        return None
    qual = getattr(func, "__qualname__", "") or ""
    if qual.startswith(("TensorBase.", "Tensor.")):
        return "Tensor." + name
    module = getattr(func, "__module__", None) or "torch"
    module = {"torch._C._nn": "torch.nn.functional", "torch.functional": "torch",
              "torch._C._linalg": "torch.linalg", "torch._C._special": "torch.special",
              "torch._C._fft": "torch.fft"}.get(module, module)
    return f"{module}.{name}"


# ---------------------------------------------------------------- tasks

def run_task(torch, module, task, state):
    """Run one task; every outcome, including the submission's exceptions, becomes data."""
    capture = CappedWriter()
    before = len(state["violations"])
    started = time.perf_counter()
    tracer = make_op_tracer(torch, state) if task.get("trace") else None
    try:
        torch.manual_seed(task.get("seed", 0))
        with redirect_output(capture):
            if tracer is not None:
                with tracer:
                    result = PROBES[task["probe"]](torch, module, task)
            else:
                result = PROBES[task["probe"]](torch, module, task)
        record = {"ok": True, "value": result}
    except BaseException as exc:
        record = describe_exception(exc, f"task {task['id']}")
    record["duration_s"] = time.perf_counter() - started
    record["output"] = capture.value()
    record["violations"] = state["violations"][before:]
    record["ops"] = tracer.ops if tracer is not None else None
    return record


def to_device(torch, value, device):
    """Move tensors in a nested value to ``device``, keeping requires_grad on leaves."""
    if isinstance(value, torch.Tensor):
        if device in (None, "cpu") or value.device.type == device:
            moved = value
        elif device == "meta":
            moved = torch.empty_strided(value.shape, value.stride(), dtype=value.dtype, device="meta")
            moved.requires_grad_(value.requires_grad)
            return moved
        else:
            moved = value.detach().to(device)
            moved.requires_grad_(value.requires_grad)
        return moved
    if isinstance(value, (list, tuple)):
        return type(value)(to_device(torch, v, device) for v in value)
    if isinstance(value, dict):
        return {k: to_device(torch, v, device) for k, v in value.items()}
    return value


def with_grad(torch, args, indices):
    """Make the listed args leaf tensors that require grad."""
    args = list(args)
    for i in indices:
        args[i] = args[i].detach().requires_grad_(True)
    return args


def resolve(module, name):
    target = module
    for part in name.split("."):
        target = getattr(target, part)
    return target


def probe_call(torch, module, task):
    """Call a function of the submission; report output, inputs after the call, grads, identity."""
    device = task.get("device")
    args = with_grad(torch, to_device(torch, task.get("args", []), device), task.get("grad", ()))
    kwargs = to_device(torch, task.get("kwargs", {}), device)
    fn = resolve(module, task["target"])
    out = fn(*args, **kwargs)
    result = {
        "out": export(torch, out),
        "returned_arg": next((i for i, a in enumerate(args) if a is out), None),
        "args_after": [export(torch, a) if isinstance(a, torch.Tensor) else None for a in args],
    }
    if task.get("grad_out") is not None:
        result["grads"] = backward_grads(torch, out, task["grad_out"], device,
                                         {f"arg{i}": a for i, a in enumerate(args)})
    return result


def probe_module(torch, module, task):
    """Build a module of the submission, report its structure, run forward (and backward)."""
    device = task.get("device")
    cls = resolve(module, task["target"])
    m = cls(*task.get("init_args", []), **task.get("init_kwargs", {}))
    if task.get("dtype"):
        m = m.to(getattr(torch, task["dtype"]))
    if device not in (None, "cpu"):
        m = m.to(device)
    result = {"structure": structure(torch, m, task.get("attributes", []))}
    if task.get("load_state") is not None:
        m.load_state_dict(to_device(torch, task["load_state"], device))
    if task.get("forward_args") is None:
        return result
    args = with_grad(torch, to_device(torch, task["forward_args"], device), task.get("grad", ()))
    if task.get("eval"):
        m.eval()
    out = m(*args)
    result["out"] = export(torch, out)
    result["args_after"] = [export(torch, a) if isinstance(a, torch.Tensor) else None for a in args]
    if task.get("grad_out") is not None:
        leaves = {f"arg{i}": a for i, a in enumerate(args)}
        leaves.update({f"param:{n}": p for n, p in m.named_parameters()})
        result["grads"] = backward_grads(torch, out, task["grad_out"], device, leaves)
    return result


def structure(torch, m, attributes):
    """What a module registered: parameters, buffers, state_dict keys, submodules, attributes."""
    def describe(t):
        return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
                "requires_grad": bool(t.requires_grad)}

    return {
        "class": type(m).__name__,
        "is_module": isinstance(m, torch.nn.Module),
        "parameters": {n: describe(p) for n, p in m.named_parameters()},
        "buffers": {n: describe(b) for n, b in m.named_buffers()},
        # Copies: forward may update buffers in place before the result is saved.
        "state_dict": {k: export(torch, v.detach().clone()) for k, v in m.state_dict().items()},
        "modules": [[n, type(s).__name__] for n, s in m.named_modules() if n],
        "attributes": {a: attribute_summary(torch, m, a) for a in attributes},
    }


def attribute_summary(torch, m, name):
    if not hasattr(m, name):
        return {"missing": True}
    value = getattr(m, name)
    if value is None:
        return {"none": True}
    if isinstance(value, torch.Tensor):
        return {"tensor": True, "parameter": isinstance(value, torch.nn.Parameter),
                "shape": list(value.shape)}
    return {"type": type(value).__name__}


def backward_grads(torch, out, grad_out, device, leaves):
    """Backpropagate ``grad_out`` from ``out``; report the gradient of each leaf (None when none)."""
    if not isinstance(out, torch.Tensor) or not out.requires_grad:
        return {"__no_graph__": True}
    out.backward(to_device(torch, grad_out, device))
    return {name: export(torch, leaf.grad) if leaf.grad is not None else None
            for name, leaf in leaves.items()
            if isinstance(leaf, torch.Tensor) and leaf.requires_grad}


def probe_custom(torch, module, task):
    """A kata's own probe from probe.py: ``function(submission, **kwargs) -> data``."""
    import importlib

    probes = importlib.import_module("probe")
    fn = getattr(probes, task["target"])
    kwargs = to_device(torch, task.get("kwargs", {}), task.get("device"))
    return export(torch, fn(module, **kwargs))


PROBES = {"call": probe_call, "module": probe_module, "custom": probe_custom}


# ---------------------------------------------------------------- export

def export(torch, value):
    """Turn a result into plain data the grader can load with weights_only=True."""
    if isinstance(value, torch.Tensor):
        return export_tensor(torch, value)
    if isinstance(value, (bool, int, float, str, type(None))):
        return value
    if isinstance(value, (list, tuple)):
        return {"__seq__": type(value).__name__, "items": [export(torch, v) for v in value]}
    if isinstance(value, dict):
        return {"__map__": [[export(torch, k), export(torch, v)] for k, v in value.items()]}
    if isinstance(value, torch.dtype):
        return {"__dtype__": str(value)}
    if isinstance(value, torch.Size):
        return {"__seq__": "tuple", "items": list(value)}
    return {"__object__": type(value).__name__, "repr": repr_safely(value)}


def repr_safely(value):
    try:
        return repr(value)[:200]
    except BaseException:
        return "<unrepresentable>"


def export_tensor(torch, t):
    subclass = None
    if type(t) not in (torch.Tensor, torch.nn.Parameter):
        subclass = type(t).__name__
        with torch._C.DisableTorchFunctionSubclass():
            t = t.as_subclass(torch.Tensor)
    meta = {
        "device": str(t.device), "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape), "stride": list(t.stride()) if t.layout == torch.strided else None,
        "storage_offset": t.storage_offset() if t.layout == torch.strided else None,
        "requires_grad": bool(t.requires_grad), "grad_fn": type(t.grad_fn).__name__ if t.grad_fn else None,
        "is_leaf": bool(t.is_leaf), "subclass": subclass,
        "parameter": isinstance(t, torch.nn.Parameter),
    }
    if t.device.type == "meta":
        meta["storage_ptr"] = None
        return {"__tensor__": None, "meta": meta}
    try:
        meta["storage_ptr"] = t.untyped_storage().data_ptr()
    except Exception:
        meta["storage_ptr"] = None
    data = t.detach()
    if data.device.type != "cpu":
        data = data.cpu()
    # Keep views as they are (strides, shared storage) unless the storage is much larger.
    if data.layout != torch.strided or data.untyped_storage().nbytes() > 4 * max(
            1, data.numel() * data.element_size()) + 4096:
        data = data.clone()
    return {"__tensor__": data, "meta": meta}


def make_saver(torch, out_dir):
    os.makedirs(out_dir, exist_ok=True)

    def save(name, record):
        tmp = os.path.join(out_dir, f".{name}.tmp")
        try:
            torch.save(record, tmp)
        except Exception as exc:  # an unsaveable value is the submission's problem, reported as such
            torch.save({"ok": False, "error": f"result could not be serialised: {exc}"[:2000],
                        "output": record.get("output", "")}, tmp)
        os.replace(tmp, os.path.join(out_dir, f"{name}.pt"))

    return save


if __name__ == "__main__":
    builtins.input = lambda *a: (_ for _ in ()).throw(EOFError("stdin is closed during grading"))
    main()
