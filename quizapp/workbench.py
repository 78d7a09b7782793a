"""The kata workbench without the UI: grading in a separate process, the report as plain data,
staged hints, the reference solution after a pass, and watching the user's file for changes.

The TUI's kata screen drives these; they are tested without a terminal.

Grading runs ``python -m quizapp grade KATA FILE --json --no-record`` in a child process
(:func:`run_grade`), or asks a warm ``python -m grader.serve`` (:class:`WarmGrader`): the app's own
process never imports torch, a grade cannot freeze or crash the app, and the child can be killed
when the learner leaves. The app records the attempt itself (with ``source="tui"``). Both take the
app's language (``lang="ko"``): the report's check names and messages come back in it.

::

    from quizapp.workbench import FileWatch, Workbench, run_grade

    bench = Workbench("custom-linear", hints=info.hints("ko"))
    bench.reveal_hint()                         # the first hint; None when all are shown
    result = run_grade("custom-linear", code, lang="ko")  # GradeResult: status, checks, figures
    bench.graded(result)
    bench.solution_available                    # True once a grade passed

    watch = FileWatch(path)
    watch.changed()                             # True once after the file changed on disk
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizapp.processes import kill_group

__all__ = [
    "CheckResult", "FileWatch", "GradeResult", "WarmGrader", "Workbench", "figure_lines",
    "grade_command", "on_disk_change", "parse_report", "run_grade", "DEFAULT_GRADE_TIMEOUT_S",
]

#: Upper bound for one grade (the grader has its own per-kata limits well below this).
DEFAULT_GRADE_TIMEOUT_S = 600.0
#: Keys of a results-v3 test that are not figures.
_NOT_FIGURES = frozenset({"name", "status", "message", "output", "check", "duration_s"})


@dataclass(frozen=True)
class CheckResult:
    """One check of a grade: its name, status, message, output and figures (``max_abs_diff``,
    ``mismatched``, ``seed``, ... whatever the grader reported)."""

    name: str
    status: str
    message: str | None = None
    output: str | None = None
    kind: str = ""
    duration_s: float | None = None
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status == "pass"


@dataclass(frozen=True)
class GradeResult:
    """A grade as the workbench shows it.

    ``status`` is ``pass``, ``fail`` or ``error`` (the results-v3 status), or ``unavailable``
    when the grader itself could not run (``message`` says why; nothing is recorded then).
    ``report`` is the results-v3 JSON as the grader printed it (None when unavailable).
    """

    kata_id: str
    status: str
    message: str | None = None
    checks: tuple[CheckResult, ...] = ()
    device: str | None = None
    duration_s: float | None = None
    output: str | None = None
    report: dict | None = None

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    @property
    def recordable(self) -> bool:
        """Whether the grade is an attempt to record (the grader ran and gave a verdict)."""
        return self.status in ("pass", "fail", "error") and self.report is not None

    @property
    def failing(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]

    @property
    def counts(self) -> tuple[int, int]:
        """(checks passed, checks in all)."""
        return sum(c.passed for c in self.checks), len(self.checks)


def parse_report(data: Mapping[str, Any], kata_id: str = "") -> GradeResult:
    """A results-v3 object (``quizapp grade --json``) as a :class:`GradeResult`."""
    checks = []
    for test in data.get("tests") or []:
        figures = {k: v for k, v in test.items() if k not in _NOT_FIGURES and v is not None}
        checks.append(CheckResult(
            name=str(test.get("name", "?")), status=str(test.get("status", "error")),
            message=test.get("message"), output=test.get("output"),
            kind=str(test.get("check") or ""), duration_s=test.get("duration_s"),
            figures=figures))
    status = str(data.get("status", "error"))
    if status not in ("pass", "fail", "error"):
        status = "error"
    return GradeResult(
        kata_id=str(data.get("kata") or kata_id), status=status, message=data.get("message"),
        checks=tuple(checks), device=data.get("device"), duration_s=data.get("duration_s"),
        output=data.get("output"), report=dict(data))


def _figure(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(_figure(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return str(value)


def figure_lines(check: CheckResult) -> list[str]:
    """The figures of a check as ``name: value`` texts (floats to 4 significant digits),
    followed by its duration."""
    lines = [f"{k}: {_figure(v)}" for k, v in check.figures.items()]
    if check.duration_s is not None:
        lines.append(f"duration_s: {check.duration_s:.3g}")
    return lines


# --------------------------------------------------------------------------------------------
# Grading in a child process

def grade_command(kata_id: str, file: str | os.PathLike, device: str = "auto",
                  python: str | None = None, lang: str | None = None) -> list[str]:
    """The command line that grades ``file`` and prints results-v3 JSON without recording, its
    texts in ``lang`` (default: the language the command itself would choose)."""
    command = [python or sys.executable, "-m", "quizapp", "grade", kata_id, str(file), "--json",
               "--no-record", "--device", device]
    return command + (["--lang", lang] if lang else [])


def run_grade(kata_id: str, code: str, *, device: str = "auto",
              timeout_s: float = DEFAULT_GRADE_TIMEOUT_S,
              cancelled: Callable[[], bool] | None = None, python: str | None = None,
              env: Mapping[str, str] | None = None, lang: str | None = None) -> GradeResult:
    """Grade ``code`` (the text of the learner's file) for ``kata_id`` in a child process, the
    report in ``lang`` ("ko" or "en").

    The code is written to a fresh temporary folder first, so that what is graded is exactly
    ``code`` even if the learner saves again meanwhile. ``cancelled`` is polled; when it returns
    True the child's process group is killed and the result is ``unavailable``. Never raises for
    a grader that fails: the result says what happened.
    """
    with tempfile.TemporaryDirectory(prefix="quizapp-grade-") as folder:
        path = Path(folder) / f"{kata_id}.py"
        path.write_text(code, encoding="utf-8")
        try:
            proc = subprocess.Popen(
                grade_command(kata_id, path, device, python, lang), stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, start_new_session=True,
                env=dict(env) if env is not None else None)
        except OSError as exc:
            return GradeResult(kata_id, "unavailable", f"could not start the grader: {exc}")
        deadline = time.monotonic() + timeout_s
        out = err = b""
        try:
            while True:
                try:
                    out, err = proc.communicate(timeout=0.1)
                    break
                except subprocess.TimeoutExpired:
                    if cancelled is not None and cancelled():
                        kill_group(proc)
                        proc.communicate()
                        return GradeResult(kata_id, "unavailable", "grading was cancelled")
                    if time.monotonic() > deadline:
                        kill_group(proc)
                        proc.communicate()
                        return GradeResult(kata_id, "unavailable",
                                           f"the grader did not finish within {timeout_s:g} s")
        finally:
            if proc.poll() is None:
                kill_group(proc)
                proc.wait()
    text = out.decode("utf-8", "replace")
    problem = err.decode("utf-8", "replace").strip()
    if proc.returncode not in (0, 1):
        lines = [line for line in problem.splitlines() if line.strip()]
        detail = lines[-1] if lines else f"exit status {proc.returncode}"
        return GradeResult(kata_id, "unavailable", f"the grader could not run: {detail}")
    try:
        data = json.loads(text)
    except ValueError:
        tail = (problem or text).strip().splitlines()[-1:] or ["no output"]
        return GradeResult(kata_id, "unavailable", f"the grader gave no report: {tail[0]}")
    if not isinstance(data, dict):
        return GradeResult(kata_id, "unavailable", "the grader's report is not an object")
    return parse_report(data, kata_id)


def _die_with_parent() -> None:
    from grader.sandbox import die_with_parent

    die_with_parent()


class WarmGrader:
    """A warm grading slot in a process of its own (``python -m grader.serve``), so that a
    re-grade on save does not pay for importing torch; the app's process never imports it.

    :meth:`start` launches the process (the kata screen does it when it opens, so that the first
    grade is warm too); calling the object grades, with the same signature as :func:`run_grade`;
    :meth:`stop` ends the process. A grade that is cancelled or takes too long stops the process;
    the next grade starts a new one.
    """

    def __init__(self, device: str = "auto", python: str | None = None,
                 env: Mapping[str, str] | None = None):
        self.device, self.python, self.env = device, python, env
        self.proc: subprocess.Popen | None = None
        self.replies: Any = None
        self._lock = threading.Lock()
        self._folder: tempfile.TemporaryDirectory | None = None  # what is graded, while running

    def start(self) -> None:
        """Start the grading process unless it runs already (returns at once)."""
        import queue

        if self.proc is not None and self.proc.poll() is None:
            return
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="quizapp-grade-")
        self.proc = subprocess.Popen(
            [self.python or sys.executable, "-m", "grader.serve", "--device", self.device],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True, env=dict(self.env) if self.env is not None else None,
            preexec_fn=_die_with_parent)
        replies: queue.Queue = queue.Queue()
        self.replies = replies

        def read(stream=self.proc.stdout):
            for line in stream:
                replies.put(line)
            replies.put(None)

        threading.Thread(target=read, daemon=True).start()

    def stop(self, grace_s: float = 5.0) -> None:
        """End the grading process (and the slot in it): closing its input lets it remove its
        slot's folders; one that does not end within ``grace_s`` is killed."""
        if self.proc is not None:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=grace_s)
            except (OSError, subprocess.TimeoutExpired):
                kill_group(self.proc)
                self.proc.wait()
            for pipe in (self.proc.stdin, self.proc.stdout):
                try:
                    pipe.close()
                except OSError:
                    pass
            self.proc = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def __call__(self, kata_id: str, code: str, *, device: str | None = None,
                 timeout_s: float = DEFAULT_GRADE_TIMEOUT_S,
                 cancelled: Callable[[], bool] | None = None, lang: str | None = None) -> GradeResult:
        """Grade ``code`` for ``kata_id`` on the warm slot, the report in ``lang`` ("ko" or "en";
        default: the grader's, English)."""
        import queue

        from quizapp.grading import kata_folder, unknown_kata_message

        folder = kata_folder(kata_id)
        if folder is None:
            return GradeResult(kata_id, "unavailable", unknown_kata_message(kata_id))
        with self._lock:
            try:
                self.start()
            except OSError as exc:
                return GradeResult(kata_id, "unavailable", f"could not start the grader: {exc}")
            path = Path(self._folder.name) / f"{kata_id}.py"
            path.write_text(code, encoding="utf-8")
            request = {"kata_dir": str(folder), "file": str(path), "timeout_s": None}
            if lang:
                request["lang"] = lang
            deadline = time.monotonic() + timeout_s
            try:
                self.proc.stdin.write((json.dumps(request) + "\n").encode())
                self.proc.stdin.flush()
            except OSError:
                self.stop()
                return GradeResult(kata_id, "unavailable", "the grader stopped; grade again")
            while True:
                try:
                    line = self.replies.get(timeout=0.1)
                except queue.Empty:
                    if cancelled is not None and cancelled():
                        self.stop(grace_s=0)
                        return GradeResult(kata_id, "unavailable", "grading was cancelled")
                    if time.monotonic() > deadline:
                        self.stop(grace_s=0)
                        return GradeResult(kata_id, "unavailable",
                                           f"the grader did not finish within {timeout_s:g} s")
                    continue
                if line is None:
                    self.stop()
                    return GradeResult(kata_id, "unavailable", "the grader stopped; grade again")
                try:
                    data = json.loads(line)
                except ValueError:
                    continue
                if data.get("ready"):
                    continue
                if data.get("status") == "usage":
                    return GradeResult(kata_id, "unavailable", data.get("message"))
                return parse_report(data, kata_id)


# --------------------------------------------------------------------------------------------
# Workbench state

@dataclass
class Workbench:
    """What the kata screen knows besides the editor's text.

    ``passed_before`` comes from the progress store (a pass recorded earlier, in any session):
    the reference solution is offered once the learner has passed.
    """

    kata_id: str
    hints: list[str] = field(default_factory=list)
    passed_before: bool = False
    hints_shown: int = 0
    last: GradeResult | None = None
    grades: int = 0

    def reveal_hint(self) -> str | None:
        """Show one more hint; returns it (None when every hint is already shown)."""
        if self.hints_shown >= len(self.hints):
            return None
        self.hints_shown += 1
        return self.hints[self.hints_shown - 1]

    @property
    def visible_hints(self) -> list[str]:
        return self.hints[: self.hints_shown]

    @property
    def hints_left(self) -> int:
        return len(self.hints) - self.hints_shown

    def graded(self, result: GradeResult) -> None:
        """Take a finished grade."""
        self.last = result
        if result.recordable:
            self.grades += 1
        if result.passed:
            self.passed_before = True

    @property
    def solution_available(self) -> bool:
        return self.passed_before


class FileWatch:
    """Notices when a file changes on disk (by modification time, size and inode), as
    rustlings' watch mode does: poll :meth:`changed` on a timer.

    After writing the file yourself, call :meth:`mark` so that your own save is not taken for
    someone else's.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._signature = self._read()

    def _read(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def changed(self) -> bool:
        """True (once) when the file differs from the last time it was seen; a file that
        disappears is not a change to act on until it comes back."""
        now = self._read()
        if now == self._signature:
            return False
        self._signature = now
        return now is not None

    def mark(self) -> None:
        """Take the file as it is now as seen."""
        self._signature = self._read()


def on_disk_change(editor_dirty: bool) -> str:
    """What to do when the file changed on disk: ``reload`` the editor (and grade), or report a
    ``conflict`` when the editor holds edits that are not saved (they are kept; the learner
    chooses)."""
    return "conflict" if editor_dirty else "reload"


def _verdict(result: GradeResult) -> tuple[str, int, int]:
    return (result.status, *result.counts)


def worth_recording(result: GradeResult, *, explicit: bool,
                    previous: GradeResult | None) -> bool:
    """Whether a grade is an attempt to keep in the learner's history.

    - An explicit grade (the learner pressed Grade or saved with ctrl+s) is always recorded.
    - A watch-mode grade (the file changed on disk) is recorded only when its verdict (status and
      checks passed) differs from the last attempt this workbench recorded (a first pass always
      does);
      a submission that could not run at all (``error``: a half-typed save with a syntax error)
      is not recorded from watch mode. So a burst of saves leaves its changes of verdict, not
      every save.
    - A grade without a verdict (the grader itself could not run) is never recorded.
    """
    if not result.recordable:
        return False
    if explicit:
        return True
    if result.status == "error":
        return False
    return previous is None or _verdict(result) != _verdict(previous)
