"""Grade one submission file for one kata.

The order matters for speed: the submission's process is started first (it spends most of its
time importing torch), and the grader imports torch, builds the inputs and runs the reference
while it does; the job goes down a pipe once both are ready.
"""

from __future__ import annotations

import ast
import io
import os
import shutil
import signal
import time
from pathlib import Path

from grader import sandbox
from grader.report import ERROR, FAIL, PASS, Report, TestResult

SIGNAL_REASONS = {
    signal.SIGSEGV: "crashed with a segmentation fault (SIGSEGV)",
    signal.SIGABRT: "aborted (SIGABRT)",
    signal.SIGBUS: "crashed with a bus error (SIGBUS)",
    signal.SIGFPE: "crashed with an arithmetic error (SIGFPE)",
    signal.SIGILL: "crashed with an illegal instruction (SIGILL)",
    signal.SIGXCPU: "used up its CPU-time limit (SIGXCPU)",
    signal.SIGXFSZ: "wrote a file larger than the file-size limit (SIGXFSZ)",
    signal.SIGKILL: "was killed (SIGKILL), most likely for using too much memory",
}


class UsageError(Exception):
    """Bad invocation: unknown kata, missing file, unknown device (exit code 2)."""


def resolve_device(requested: str) -> str:
    """'cpu', 'cuda' or 'auto' -> the device to grade on (needs torch)."""
    import torch

    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise UsageError("--device cuda: no CUDA device is available here")
    if requested not in ("cpu", "cuda"):
        raise UsageError(f"unknown device '{requested}' (use cpu, cuda or auto)")
    return requested


def _likely_cuda(requested: str) -> bool:
    """Before torch is imported: might this grade use CUDA? (decides the sandbox's device access)"""
    return requested == "cuda" or (requested == "auto" and os.path.exists("/dev/nvidiactl"))


def grade(kata_dir: str | Path, submission: str | Path, *, device: str = "auto",
          isolation: str = "auto", timeout_s: float | None = None) -> Report:
    """Grade ``submission`` against the kata in ``kata_dir``; raise UsageError on bad invocation."""
    started = time.monotonic()
    folder = Path(kata_dir)
    raw = _raw_spec(folder)
    path = Path(submission)
    if not path.is_file():
        raise UsageError(f"{submission}: no such file")
    if device not in ("cpu", "cuda", "auto"):
        raise UsageError(f"unknown device '{device}' (use cpu, cuda or auto)")
    source = path.read_bytes().decode("utf-8", "replace")
    mode = sandbox.choose_isolation(isolation)
    try:
        ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        _validated(folder)  # a broken kata is still a bad invocation
        return Report(folder.name, ERROR, f"syntax error at line {exc.lineno}: {exc.msg}", [], device,
                      mode, time.monotonic() - started)

    # Start the submission's process from the raw kata.yaml, before the slower validation and
    # torch import here: both processes then load torch at the same time.
    checks = [c for c in raw.get("checks") or [] if isinstance(c, dict)]
    limits = sandbox.Limits(timeout_s=timeout_s or float(raw.get("timeout_s") or 20.0))
    if raw.get("memory_mb"):
        limits.memory_bytes = int(raw["memory_mb"]) * 1024**2
    workdir = sandbox.new_workdir()
    (workdir / "submission.py").write_text(source, encoding="utf-8")
    if (folder / "probe.py").exists():
        shutil.copyfile(folder / "probe.py", workdir / "probe.py")
    apis = [str(api) for c in checks if c.get("kind") == "forbidden" for api in c.get("apis") or []]
    config = {"forbidden_apis": apis, "warm_meta": any(c.get("kind") == "device" for c in checks)}
    sandbox_device = "cuda" if _likely_cuda(device) else "cpu"
    run, job_write = sandbox.start_child(workdir, config, limits, sandbox_device, mode)
    pipe = {"fd": job_write}  # handed over (and later closed) by send_job
    try:
        kata = _validated(folder)
        return _grade_with_child(kata, source, run, pipe, device, started)
    except BaseException:
        if pipe["fd"] is not None:
            os.close(pipe["fd"])
        raise
    finally:
        sandbox.terminate(run)
        sandbox.cleanup(run)


def _raw_spec(folder: Path) -> dict:
    """kata.yaml as plain data (fast); full validation happens once the child is started."""
    import yaml

    path = folder / "kata.yaml"
    if not path.is_file():
        raise UsageError(f"{folder}: not a kata folder (no kata.yaml)")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        _validated(folder)  # raises with the file, line and problem
        raise UsageError(f"{path}: not a mapping")
    return data


def _validated(folder: Path):
    from grader.kata import KataError, load_kata

    try:
        return load_kata(folder)
    except KataError as exc:
        raise UsageError(str(exc)) from exc



def _grade_with_child(kata, source: str, run: sandbox.ChildRun, pipe: dict,
                      requested_device: str, started: float) -> Report:
    import torch

    from grader.checks import Context, build_checks

    device = resolve_device(requested_device)
    ctx = Context(kata, device, source, cuda_available=torch.cuda.is_available())
    checks = build_checks(ctx)
    buffer = io.BytesIO()
    torch.save({"tasks": [task.payload for task in ctx.tasks]}, buffer)
    job_write, pipe["fd"] = pipe["fd"], None
    sandbox.send_job(run, job_write, buffer.getvalue())
    sandbox.wait(run)

    out_dir = run.workdir / "out"
    ctx.import_record = _load(out_dir / "import.pt") or {}
    for task in ctx.tasks:
        record = _load(out_dir / f"task-{task.id:04d}.pt")
        if record is not None:
            ctx.results[task.id] = record
    finished = (out_dir / "done.pt").exists()
    output = _combined_output(run, ctx.import_record)
    report = Report(kata.id, PASS, None, [], device, run.isolation, 0.0, output)

    if not ctx.import_record:
        report.status, report.message = ERROR, "the submission could not be started: " + _process_fate(run)
    elif not ctx.import_record.get("ok"):
        line = f" (line {ctx.import_record['line']})" if ctx.import_record.get("line") else ""
        report.status = ERROR
        report.message = f"importing the submission failed: {ctx.import_record.get('error')}{line}"
        if ctx.import_record.get("exception") == "SystemExit" or ctx.import_record.get("traceback"):
            report.output = (report.output + "\n" + ctx.import_record.get("traceback", "")).strip()
    else:
        missing = [name for name in kata.spec.entry if name not in ctx.import_record.get("names", [])]
        if missing:
            report.tests.append(TestResult("defines " + ", ".join(kata.spec.entry), FAIL,
                                           "not defined: " + ", ".join(missing), kind="entry"))
        if not finished:
            ctx.failure_note = _process_fate(run)
        report.tests.extend(check.evaluate() for check in checks)
        if not finished:
            report.status = ERROR
            report.message = "the submission's process " + ctx.failure_note
        elif any(t.status != PASS for t in report.tests):
            report.status = FAIL
            failed = [t.name for t in report.tests if t.status != PASS]
            report.message = f"{len(failed)} of {len(report.tests)} checks failed: " + "; ".join(failed)
    report.duration_s = time.monotonic() - started
    report.timings = {"startup_s": round(run.ready_s, 3), "run_s": round(run.wall_s - run.ready_s, 3)}
    return report


def _load(path: Path):
    """Load one result file with torch's safe loader; an unsafe or broken file is no result."""
    import torch

    if not path.exists():
        return None
    try:
        return torch.load(path, weights_only=True, map_location="cpu")
    except Exception as exc:  # noqa: BLE001 - whatever the file holds, it is only data or nothing
        return {"ok": False, "error": f"the result could not be loaded safely ({type(exc).__name__})"}


def _process_fate(run: sandbox.ChildRun) -> str:
    """Why the submission's process stopped early, in words."""
    if run.timed_out:
        return f"timed out after {run.limits.timeout_s:g} s (wall clock) and was stopped"
    code = run.returncode
    if code is None:
        return "did not finish"
    if code > 128 and run.isolation == "bubblewrap":
        code = -(code - 128)  # bubblewrap reports a signal death as 128 + the signal number
    if code < 0:
        try:
            sig = signal.Signals(-code)
        except ValueError:
            return f"was killed by signal {-code}"
        return SIGNAL_REASONS.get(sig, f"was killed by {sig.name}")
    if code == 0:
        return "exited early with status 0 (os._exit?) before finishing the checks"
    return f"exited early with status {code}" + (" (out of memory?)" if code in (137, 9) else "")


def _combined_output(run: sandbox.ChildRun, import_record: dict) -> str:
    parts = []
    if import_record.get("output"):
        parts.append(import_record["output"])
    for name in ("stdout", "stderr"):
        text = sandbox.stream_text(run, name).strip()
        if text:
            parts.append(text)
    return "\n".join(parts)[:8000]
