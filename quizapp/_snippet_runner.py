"""Child process of ``quizapp bank lint``: runs the code of output questions, one after another.

Reads ``{"timeout": seconds, "snippets": [{"key": ..., "code": ...}, ...]}`` as JSON on stdin and
writes one JSON line per snippet to its original stdout: ``{"key", "stdout", "error", "seconds"}``
(``error`` is null or one line: exception type, message and snippet line). Each snippet runs in a
fresh namespace with its stdout captured; torch's global settings (default dtype, print options,
grad mode) are reset between snippets; an interval timer stops a snippet that runs too long when
it is in Python code (the parent kills the whole process when it is stuck elsewhere).

Run as a script (``python _snippet_runner.py``); it imports nothing from quizapp.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sys
import time
import traceback


class SnippetTimeout(BaseException):
    """Raised by the interval timer; a BaseException so that ``except Exception`` in a
    snippet does not swallow it."""


def _on_alarm(signum, frame):  # pragma: no cover - timing dependent
    raise SnippetTimeout()


def _describe(exc: BaseException, filename: str) -> str:
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if frame.f_code.co_filename == filename:
            line = lineno
    where = f" (snippet line {line})" if line else ""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}{where}".replace("\n", " ")


def main() -> int:
    request = json.load(sys.stdin)
    timeout = float(request.get("timeout", 10))
    # results go to a private copy of stdout; fd 1 then points at stderr, so anything that writes
    # to the process's stdout directly (C code) cannot corrupt the protocol
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", closefd=False), encoding="utf-8")

    try:
        import torch
    except Exception as exc:  # pragma: no cover - environment problem
        out.write(json.dumps({"torch": None, "error": f"cannot import torch: {exc}"}) + "\n")
        return 1
    # modules that snippets commonly import are loaded once here, under the start-up deadline,
    # so that the first snippet using them does not spend its own time limit importing them
    for name in ("torch.nn", "torch.nn.functional", "torch.optim", "torch.utils.data", "numpy"):
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - a snippet that needs it will say so
            pass
    try:  # the first optimizer call imports more of torch lazily (about a second)
        w = torch.zeros(1, requires_grad=True)
        opt = torch.optim.SGD([w], lr=0.1)
        w.sum().backward()
        opt.step()
        opt.zero_grad()
        del w, opt
    except Exception:  # noqa: BLE001
        pass
    out.write(json.dumps({"torch": torch.__version__}) + "\n")
    default_dtype = torch.get_default_dtype()
    timer = hasattr(signal, "setitimer")  # not on Windows: the parent's deadline still holds
    if timer:
        signal.signal(signal.SIGALRM, _on_alarm)

    for snippet in request["snippets"]:
        key, code = snippet["key"], snippet["code"]
        filename = f"<snippet {key}>"
        buffer = io.StringIO()
        error = None
        torch.set_default_dtype(default_dtype)
        torch.set_printoptions(profile="default")
        torch.set_grad_enabled(True)
        namespace = {"__name__": "__main__", "__builtins__": __builtins__}
        started = time.perf_counter()
        try:
            compiled = compile(code, filename, "exec")
            with contextlib.redirect_stdout(buffer):
                if timer:
                    signal.setitimer(signal.ITIMER_REAL, timeout)
                try:
                    exec(compiled, namespace)
                finally:
                    if timer:
                        signal.setitimer(signal.ITIMER_REAL, 0)
        except SnippetTimeout:
            error = f"timed out after {timeout:g} s"
        except SystemExit as exc:
            if exc.code not in (None, 0):
                error = f"SystemExit: {exc.code}"
        except BaseException as exc:  # noqa: BLE001 - report everything as data
            error = _describe(exc, filename)
        out.write(json.dumps({"key": key, "stdout": buffer.getvalue(), "error": error,
                              "seconds": round(time.perf_counter() - started, 4)},
                             ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
