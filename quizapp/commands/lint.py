"""``quizapp bank lint`` and ``quizapp kata lint``: the authors' checks, printed as
``file:line: message`` lines and a summary."""

from __future__ import annotations

import sys

from quizapp import exit_codes


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def run_bank_lint(args) -> int:
    """``quizapp bank lint [PATH...] [--no-run]``: files or folders (default: the questions
    folder); ``--no-run`` skips running the code of output questions."""
    from quizapp.banklint import lint_paths

    no_run = getattr(args, "no_run", False)
    report = lint_paths(list(getattr(args, "paths", None) or []), run_code=not no_run)
    for e in report.errors:
        print(e)
    ran = ""
    if report.snippets_run:
        ran = f", {report.snippets_run} output snippets run with torch {report.torch_version}"
    elif no_run:
        ran = ", output snippets not run: --no-run"
    files, questions = _plural(report.files, "file"), _plural(report.questions, "question")
    if report.errors:
        print(f"{_plural(len(report.errors), 'problem')} in {files}; {questions} loaded{ran}")
        return exit_codes.FAIL
    print(f"OK: {files}, {questions}{ran}")
    return exit_codes.OK


class _LiveProgress:
    """``checked N kata(s), last X`` on one rewritten stderr line, when stderr is a terminal."""

    def __init__(self):
        self.live = sys.stderr.isatty()
        self.done: list[str] = []

    def clear(self) -> None:
        if self.live and self.done:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)

    def show(self, display: str, messages: list[str]) -> None:
        if self.live:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
        for message in messages:
            print(f"{display}: {message}", flush=True)
        if self.live and display not in self.done:
            self.done.append(display)
            print(f"checked {len(self.done)} kata(s), last {display}", end="", file=sys.stderr,
                  flush=True)


def run_kata_lint(args) -> int:
    """``quizapp kata lint [KATA_ID...] [--jobs N]``: every kata by default, graded on a pool."""
    from quizapp.katalint import lint_katas

    progress = _LiveProgress()
    report = lint_katas(getattr(args, "kata_ids", None) or None,
                        jobs=getattr(args, "jobs", 0) or None,
                        device=getattr(args, "device", None) or "auto", on_kata=progress.show)
    progress.clear()
    if report.unknown:
        for note in report.notes:
            print(f"error: {note}", file=sys.stderr)
        print("see `quizapp kata list`", file=sys.stderr)
        return exit_codes.USAGE
    for note in report.notes:
        print(f"note: {note}")
    n = len(report.katas)
    bad = len(report.by_kata())
    timing = (f"{report.grades} grades, {report.jobs} in parallel, device {report.device}, "
              f"{report.seconds:.1f} s")
    if report.problems:
        print(f"{len(report.problems)} problem(s) in {bad} of {n} kata(s); {timing}")
        return exit_codes.FAIL
    print(f"OK: {n} kata(s) checked; {timing}")
    return exit_codes.OK
