"""The submission's side of a grade: runs in a process forked from the slot's zygote.

This file is copied into the sandbox beside ``protocol.py`` and ``zygote.py``; it imports nothing
from the grader (the grader is not on the child's import path) and holds nothing worth stealing.
:func:`run_job` imports the submission, reads the job (inputs only), runs each task against the
submission and appends each result as data to the grade's result stream (``protocol``). The
grader loads that stream with ``torch.load(weights_only=True)`` and decides the verdict; nothing
this process says about correctness is trusted.

Forbidden APIs are seen by a profiler hook (:class:`ForbiddenMonitor`) that identifies what runs
by the code itself (file and qualified name of a Python function, the name of a torch builtin,
the name of a ``torch.ops`` operator), so ``importlib.reload``, aliases and computed ``getattr``
reach the same identity. Like everything measured in this process, it can in principle be undone
by a submission that attacks the process itself; the grader's static scan flags those tricks.
"""

import builtins
import importlib
import importlib.util
import io
import os
import sys
import time
import traceback
import types

import protocol

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


def closed_stdin(*_args):
    raise EOFError("stdin is closed during grading")


# ---------------------------------------------------------------- the job

def run_job(job_dir, config):
    """Grade in this process: import the submission, run the job's tasks, stream the results."""
    os.chdir(job_dir)
    sys.path[:] = list(config["sys_path"]) + [job_dir]
    builtins.input = closed_stdin
    import torch

    submission_file = os.path.join(job_dir, protocol.SUBMISSION_FILE)
    monitor = ForbiddenMonitor(torch, config.get("forbidden_apis", []), submission_file)
    with open(os.path.join(job_dir, protocol.RESULT_FILE), "ab") as stream:
        writer = protocol.RecordWriter(stream, torch)

        capture = CappedWriter()
        started = time.perf_counter()
        monitor.start()
        module, error = import_submission(submission_file, capture)
        record = {
            "kind": "import",
            "ok": error is None,
            "duration_s": time.perf_counter() - started,
            "output": capture.value(),
            "violations": monitor.take(),
            "names": sorted(n for n in dir(module) if not n.startswith("__")) if module else [],
        }
        if error:
            record.update(error)
        writer.add(record, flush=True)
        if module is None:
            return
        tasks = protocol.read_job(torch, os.path.join(job_dir, protocol.JOB_FILE))
        for task in tasks:
            writer.add(run_task(torch, module, task, monitor, submission_file))
        writer.add({"kind": "done", "ok": True}, flush=True)


def import_submission(path, capture):
    """Import the submission as module ``submission``; any failure becomes data."""
    spec = importlib.util.spec_from_file_location(protocol.SUBMISSION_MODULE, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[protocol.SUBMISSION_MODULE] = module
    try:
        with redirect_output(capture):
            spec.loader.exec_module(module)
    except BaseException as exc:  # SystemExit and KeyboardInterrupt too: they are the submission's
        return None, describe_exception(exc)
    return module, None


def describe_exception(exc, task=None):
    """A data description of an exception raised by the submission while it was imported
    (``task`` None) or while it ran task ``task``.

    The failures the grader words itself (``reason``: ``exit``, ``memory``, ``not_implemented``)
    travel as facts, so that the report can say them in its own language (``grader.messages``);
    ``error`` holds the English text."""
    phase = f"task {task}" if task is not None else "import"
    reason = {}
    if isinstance(exc, SystemExit):
        message = f"the submission called sys.exit({exc.code!r}) during {phase}"
        reason = {"reason": "exit", "exit_code": repr(exc.code)}
    elif isinstance(exc, MemoryError):
        message = f"ran out of memory during {phase} (MemoryError)"
        reason = {"reason": "memory"}
    elif isinstance(exc, NotImplementedError) and not str(exc):
        message = "NotImplementedError (not implemented yet: still the starter?)"
        reason = {"reason": "not_implemented"}
    else:
        try:
            text = str(exc)
        except BaseException:  # noqa: BLE001 - a hostile __str__
            text = "<unprintable>"
        message = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    tb = traceback.extract_tb(exc.__traceback__)
    sub_frames = [f for f in tb if f.filename.endswith(protocol.SUBMISSION_FILE)]
    line = sub_frames[-1].lineno if sub_frames else None
    if isinstance(exc, SyntaxError) and exc.filename and exc.filename.endswith(protocol.SUBMISSION_FILE):
        line = exc.lineno
    try:
        text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-3000:]
    except BaseException:  # noqa: BLE001
        text = ""
    return {
        "ok": False,
        "error": message[:2000],
        "exception": type(exc).__name__,
        "exception_mro": [c.__name__ for c in type(exc).__mro__],
        "line": line,
        "traceback": text,
        "task": task,
        **reason,
    }


def run_task(torch, module, task, monitor, submission_file):
    """Run one task; every outcome, including the submission's exceptions, becomes data."""
    capture = CappedWriter()
    started = time.perf_counter()
    tracer = make_op_tracer(torch, submission_file) if task.get("trace") else None
    try:
        seed_generators(torch, task.get("seed", 0), task.get("device"))
        with redirect_output(capture):
            if tracer is not None:
                with tracer:
                    result = PROBES[task["probe"]](torch, module, task)
            else:
                result = PROBES[task["probe"]](torch, module, task)
        record = {"ok": True, "value": result}
    except BaseException as exc:
        record = describe_exception(exc, task["id"])
    record.update(kind="task", id=task["id"], duration_s=time.perf_counter() - started,
                  output=capture.value(), violations=monitor.take(),
                  ops=tracer.ops if tracer is not None else None)
    return record


def seed_generators(torch, seed, device):
    """What torch.manual_seed does for the devices a task uses, without its Python layers
    (thousands of calls each time, which a profiler hook makes slow)."""
    torch.random.default_generator.manual_seed(seed)
    if device == "cuda":
        torch.cuda.manual_seed_all(seed)


# ---------------------------------------------------------------- forbidden APIs

def called_from_submission(frame, path):
    """True when the submission's file is on the call stack at ``frame``."""
    while frame is not None:
        if frame.f_code.co_filename == path:
            return True
        frame = frame.f_back
    return False


def qualified_name(code):
    return getattr(code, "co_qualname", code.co_name)


def code_of(obj):
    """The Python code object behind a function, method or dispatcher (None for builtins).

    A decorated function (``functools.wraps``, ``@contextmanager``) is known by the function it
    wraps: the wrapper's code is shared by every function so decorated."""
    inner, seen = obj, 0
    while getattr(inner, "__wrapped__", None) is not None and seen < 20:
        inner, seen = inner.__wrapped__, seen + 1
    for candidate in (inner, getattr(inner, "__func__", None), getattr(inner, "_implementation", None), obj):
        code = getattr(candidate, "__code__", None)
        if isinstance(code, types.CodeType):
            return code
    return None


def resolve_dotted(dotted):
    """The object a dotted name denotes: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        except Exception:  # noqa: BLE001 - a module that fails to import names nothing here
            return None
        for name in parts[cut:]:
            target = getattr(target, name, None)
            if target is None:
                return None
        return target
    return None


class ForbiddenMonitor:
    """Records calls of forbidden APIs made while the submission is on the stack.

    Identities, computed from the forbidden names before the submission runs:

    * Python functions: (file, qualified name) of their code; a class contributes the methods it
      defines, a module every function defined in its file.
    * C builtins of torch: their name (``linear`` stands for ``torch._C._nn.linear``, the same
      operator as ``torch.linear`` or ``Tensor.linear``).
    * ``torch.ops.<ns>.<op>``: the operator's name, matched against the same builtin names.
    """

    OP_CALLS = ("OpOverloadPacket.__call__", "OpOverload.__call__")

    def __init__(self, torch, dotted_names, submission_file):
        self.torch = torch
        self.path = submission_file
        self.codes = {}      # (file, qualname) -> forbidden name
        self.files = {}      # file of a forbidden module -> its name
        self.builtins = {}   # builtin name -> forbidden name
        self.found = []
        self.removed = False
        self.installed = None
        for dotted in dotted_names:
            # ``Tensor.var`` (how the operator tracer spells methods) is ``torch.Tensor.var``.
            self._add(dotted, resolve_dotted("torch." + dotted if dotted.startswith("Tensor.") else dotted))
        self.active = bool(self.codes or self.files or self.builtins)
        self.watched_files = {f for f, _ in self.codes} | set(self.files)
        if self.builtins:  # torch.ops.<ns>.<op>(...) goes through OpOverloadPacket.__call__
            ops = sys.modules.get("torch._ops")
            if ops is not None and getattr(ops, "__file__", None):
                self.watched_files.add(ops.__file__)

    def _add(self, dotted, target):
        if target is None:
            return
        if isinstance(target, types.ModuleType):
            path = getattr(target, "__file__", None)
            if path:
                self.files[path] = dotted
            for name in dir(target):
                value = getattr(target, name, None)
                # Only what the module itself defines, not what it imported (os.path, ...).
                if callable(value) and not isinstance(value, type) and not name.startswith("_") \
                        and getattr(value, "__module__", target.__name__) == target.__name__:
                    self._add_callable(f"{dotted}.{name}", value)
            return
        if isinstance(target, type):
            for value in vars(target).values():
                code = code_of(value)
                if code is not None:
                    self.codes[(code.co_filename, qualified_name(code))] = dotted
            return
        self._add_callable(dotted, target)

    def _add_callable(self, dotted, target):
        code = code_of(target)
        if code is not None:
            self.codes[(code.co_filename, qualified_name(code))] = dotted
        elif callable(target):
            name = getattr(target, "__name__", None)
            if name:
                self.builtins[name] = dotted

    def start(self):
        if self.active:
            self.installed = self.hook  # one bound method, to recognise it later
            sys.setprofile(self.installed)
            import threading

            threading.setprofile(self.installed)

    def hook(self, frame, event, arg):
        # Called on every call and return of the process: keep the common path to one lookup.
        if event == "call":
            if frame.f_code.co_filename in self.watched_files:
                self._on_call(frame)
        elif event == "c_call":
            if getattr(arg, "__name__", None) in self.builtins:
                self._on_c_call(frame, arg)

    def _on_call(self, frame):
        code = frame.f_code
        qualname = qualified_name(code)
        hit = self.codes.get((code.co_filename, qualname)) or self.files.get(code.co_filename)
        if hit is None and qualname in self.OP_CALLS:
            op = frame.f_locals.get("self")
            name = str(getattr(op, "_qualified_op_name", "") or getattr(op, "__name__", ""))
            base = name.split("::")[-1].split(".")[0]
            if base in self.builtins:
                hit = f"{self.builtins[base]} (as torch.ops {name})"
        if hit is not None:
            self._flag(hit, frame.f_back)

    def _on_c_call(self, frame, fn):
        if self._is_torch_builtin(fn):
            self._flag(self.builtins[fn.__name__], frame)

    def _is_torch_builtin(self, fn):
        module = getattr(fn, "__module__", None) or ""
        owner = getattr(fn, "__self__", None)
        return (module.startswith(("torch", "numpy")) or isinstance(owner, self.torch.Tensor)
                or type(owner).__module__.startswith(("torch", "numpy")))

    def _flag(self, name, frame):
        if name not in self.found and called_from_submission(frame, self.path):
            self.found.append(name)

    def take(self):
        """Violations seen since the last call (and whether the hook was taken away)."""
        if self.active and sys.getprofile() is not self.installed and not self.removed:
            self.removed = True
            self.found.append("sys.setprofile (the grader's profiler hook was removed)")
        found, self.found = self.found, []
        return found


def make_op_tracer(torch, submission_file):
    """A TorchFunctionMode that records which torch operations the submission calls."""
    from torch.overrides import TorchFunctionMode

    class OpTracer(TorchFunctionMode):
        def __init__(self):
            super().__init__()
            self.ops = []

        def __torch_function__(self, func, types, args=(), kwargs=None):
            name = op_name(func)
            if name and name not in self.ops and called_from_submission(sys._getframe(1), submission_file):
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


# ---------------------------------------------------------------- probes

def to_device(torch, value, device):
    """Move tensors in a nested value to ``device``, keeping requires_grad on leaves."""
    if isinstance(value, torch.Tensor):
        if device in (None, "cpu") or value.device.type == device:
            return value
        if device == "meta":
            moved = torch.empty_strided(value.shape, value.stride(), dtype=value.dtype, device="meta")
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
    out = resolve(module, task["target"])(*args, **kwargs)
    result = {
        "out": protocol.encode(torch, out),
        "returned_arg": next((i for i, a in enumerate(args) if a is out), None),
        "args_after": [protocol.encode(torch, a) if isinstance(a, torch.Tensor) else None for a in args],
    }
    if task.get("grad_out") is not None:
        result["grads"] = backward_grads(torch, out, task["grad_out"], device, protocol.leaves(args))
    return result


def probe_module(torch, module, task):
    """Build a module of the submission, report its structure, run forward (and backward)."""
    device = task.get("device")
    m = resolve(module, task["target"])(*task.get("init_args", []), **task.get("init_kwargs", {}))
    if task.get("dtype"):
        m = m.to(getattr(torch, task["dtype"]))
    if device not in (None, "cpu"):
        m = m.to(device)
    result = {"structure": protocol.structure_summary(torch, m, task.get("attributes", []))}
    if task.get("load_state") is not None:
        m.load_state_dict(to_device(torch, task["load_state"], device))
    if task.get("forward_args") is None:
        return result
    args = with_grad(torch, to_device(torch, task["forward_args"], device), task.get("grad", ()))
    if task.get("eval"):
        m.eval()
    out = m(*args)
    result["out"] = protocol.encode(torch, out)
    result["args_after"] = [protocol.encode(torch, a) if isinstance(a, torch.Tensor) else None for a in args]
    if task.get("grad_out") is not None:
        result["grads"] = backward_grads(torch, out, task["grad_out"], device, protocol.leaves(args, m))
    return result


def backward_grads(torch, out, grad_out, device, named_leaves):
    """Backpropagate ``grad_out`` from ``out``; report the gradient of each leaf (None when none)."""
    if not isinstance(out, torch.Tensor) or not out.requires_grad:
        return {"__no_graph__": True}
    out.backward(to_device(torch, grad_out, device))
    return {name: protocol.encode(torch, leaf.grad) if leaf.grad is not None else None
            for name, leaf in named_leaves.items()
            if isinstance(leaf, torch.Tensor) and leaf.requires_grad}


def probe_custom(torch, module, task):
    """A kata's own probe from probe.py: ``function(submission, **kwargs) -> data``."""
    probes = importlib.import_module(protocol.PROBE_MODULE)
    kwargs = to_device(torch, task.get("kwargs", {}), task.get("device"))
    return protocol.encode(torch, getattr(probes, task["target"])(module, **kwargs))


PROBES = {"call": probe_call, "module": probe_module, "custom": probe_custom}
