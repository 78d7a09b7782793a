"""A pool of warm grading slots: what batch grading, the kata lint, the tests and the workbench use.

::

    from grader.pool import Pool

    with Pool(jobs=2) as pool:                       # two slots, each a sandbox with torch loaded
        report = pool.grade("katas/custom-linear", "alice.py")
        for request, report in pool.grade_many([("katas/custom-linear", p) for p in paths]):
            ...

A grade checks the file, plans the kata once per device (``grader.plan``), runs the submission
in a free slot and judges what came back. A cold one-off grade (``grader.core.grade``) is the same
path with a pool of one, so a warm and a cold grade give the same verdict.
"""

from __future__ import annotations

import ast
import atexit
import os
import queue
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from grader import sandbox
from grader.messages import DEFAULT_LANG, LANGS, msg
from grader.report import ERROR, Report


class UsageError(Exception):
    """Bad invocation: unknown kata, missing file, unknown device (exit code 2)."""


@dataclass(frozen=True)
class GradeRequest:
    """One submission to grade: a kata folder and a file (optionally a limit of its own)."""

    kata_dir: Path
    submission: Path
    timeout_s: float | None = None


def resolve_device(requested: str) -> str:
    """'cpu', 'cuda' or 'auto' -> the device to grade on (imports torch)."""
    if requested not in ("cpu", "cuda", "auto"):
        raise UsageError(f"unknown device '{requested}' (use cpu, cuda or auto)")
    import torch

    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise UsageError("--device cuda: no CUDA device is available here")
    return requested


def load(kata_dir: str | Path):
    """The kata of a folder, or UsageError naming the file and the problem."""
    from grader.kata import KataError, load_kata

    try:
        return load_kata(kata_dir)
    except KataError as exc:
        raise UsageError(str(exc)) from exc


def read_submission(path: Path, lang: str = DEFAULT_LANG) -> tuple[str | None, str | None]:
    """(source, None) for a readable Python file, else (None, why it cannot be graded, in
    ``lang``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, msg("submission.unreadable", lang, why=exc.strerror or exc)
    if b"\0" in data:
        return None, msg("submission.binary", lang)
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, msg("submission.not_utf8", lang, byte=exc.start)
    try:
        ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        return None, msg("submission.syntax", lang, line=exc.lineno, error=exc.msg)
    except ValueError as exc:
        return None, msg("submission.unparsable", lang, error=exc)
    return source, None


def check_lang(lang: str) -> str:
    """``lang`` if the grader has texts in it, else UsageError."""
    if lang not in LANGS:
        raise UsageError(f"unknown language '{lang}' (use {' or '.join(LANGS)})")
    return lang


class Pool:
    """``jobs`` warm slots (default: one per core) grading on ``device``; ``lang`` is the
    language of the reports (check names, messages, a kata's ``why``) unless a grade asks for
    another. English by default: programs (the kata lint, the tests) read the English texts."""

    def __init__(self, jobs: int | None = None, *, isolation: str = "auto", device: str = "auto",
                 warm_meta: bool = True, warm_training: bool = True, lang: str = DEFAULT_LANG):
        from grader.plan import PlanCache

        if device not in ("cpu", "cuda", "auto"):
            raise UsageError(f"unknown device '{device}' (use cpu, cuda or auto)")
        self.lang = check_lang(lang)
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.device = device
        self.isolation = sandbox.choose_isolation(isolation)
        sandbox_device = "cuda" if sandbox.likely_cuda(device) else "cpu"
        from grader.slot import Slot, remove_stale_slots

        remove_stale_slots()
        self.slots = [Slot(self.isolation, sandbox_device, warm_meta, warm_training) for _ in range(self.jobs)]
        self._free: queue.Queue = queue.Queue()
        for slot in self.slots:
            self._free.put(slot)
        self.plans = PlanCache()
        self._closed = False
        atexit.register(self.close)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop every slot and remove their folders."""
        if self._closed:
            return
        self._closed = True
        for slot in self.slots:
            slot.close()
        atexit.unregister(self.close)

    @property
    def sandboxed(self) -> bool:
        return self.isolation == "bubblewrap"

    def prepare(self, kata_dir: str | Path) -> None:
        """Plan a kata now (torch imported, inputs and reference results computed), so that the
        first grade of a batch costs what the others cost. Raises UsageError."""
        from grader.zygote import warm

        device = resolve_device(self.device)
        warm({"warm_meta": True})  # the grader's own first uses too (meta kernels, optimizers)
        self.plans.get(load(kata_dir), device)

    def grade(self, kata_dir: str | Path, submission: str | Path, *, device: str | None = None,
              timeout_s: float | None = None, lang: str | None = None) -> Report:
        """Grade one file; raise UsageError for an unknown kata, a missing file, a bad device or
        language. ``lang`` (default: the pool's) is the language of the report."""
        started = time.monotonic()
        lang = check_lang(lang or self.lang)
        kata = load(kata_dir)
        path = Path(submission)
        if path.is_dir():
            raise UsageError(msg("usage.folder", lang, path=submission))
        if not path.exists():
            raise UsageError(msg("usage.no_file", lang, path=submission))
        source, problem = read_submission(path, lang)
        device = resolve_device(device or self.device)
        if source is None:
            return Report(kata.id, ERROR, msg("submission.problem", lang, file=path.name, problem=problem), [],
                          device, self.isolation, time.monotonic() - started, lang=lang)
        plan = self.plans.get(kata, device)
        limits = sandbox.Limits(timeout_s=timeout_s or kata.spec.timeout_s)
        if kata.spec.memory_mb:
            limits.memory_bytes = kata.spec.memory_mb * 1024**2
        slot = self._free.get()
        try:
            outcome = slot.run(plan.files(source), plan.config, limits, device)
        finally:
            self._free.put(slot)
        report = plan.judge(source, outcome, lang)
        # The grade's own time: waiting for a slot to start (torch loading) is in timings.
        report.duration_s = time.monotonic() - started - outcome.startup_s
        return report

    def grade_many(self, requests: Iterable[GradeRequest | tuple]) -> Iterator[tuple[GradeRequest, Report | Exception]]:
        """Grade every request on the pool's slots; yield (request, report) as each finishes.
        A request that cannot be graded yields its UsageError instead of a report."""
        items = [r if isinstance(r, GradeRequest) else GradeRequest(Path(r[0]), Path(r[1])) for r in requests]

        def one(request: GradeRequest):
            try:
                return self.grade(request.kata_dir, request.submission, timeout_s=request.timeout_s)
            except Exception as exc:  # noqa: BLE001 - one bad request must not stop the batch
                return exc

        with ThreadPoolExecutor(max_workers=self.jobs) as executor:
            futures = {executor.submit(one, r): r for r in items}
            for future in as_completed(futures):
                yield futures[future], future.result()
