"""``quizapp grade KATA_ID FILE``: grade a submission and record the attempt.

The grader starts the submission's process before it imports torch, so this module keeps its
own imports light until the grade is under way.
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from quizapp import paths

EXIT_PASS, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def kata_folder(kata_id: str) -> Path | None:
    """The folder of a kata in the catalogue, or None."""
    folder = paths.katas_dir() / kata_id
    return folder if (folder / "kata.yaml").is_file() else None


def unknown_kata_message(kata_id: str) -> str:
    known = sorted(p.name for p in paths.katas_dir().iterdir() if (p / "kata.yaml").is_file()) \
        if paths.katas_dir().is_dir() else []
    close = difflib.get_close_matches(kata_id, known, n=3)
    hint = f" Did you mean: {', '.join(close)}?" if close else " See `quizapp kata list`."
    return f"unknown kata '{kata_id}'.{hint}"


def grade_kata(kata_id: str, file: str | Path, device: str = "auto"):
    """Grade ``file`` for ``kata_id``; returns the grader's Report (raises grader.UsageError)."""
    from grader.core import UsageError, grade

    folder = kata_folder(kata_id)
    if folder is None:
        raise UsageError(unknown_kata_message(kata_id))
    return grade(folder, file, device=device)


def record_attempt(db: str | None, kata_id: str, file: str | Path, report, source: str = "cli") -> int:
    """Store the attempt with its code and JSON report; returns the attempt id."""
    from quizapp.store import Store

    code = Path(file).read_text(encoding="utf-8", errors="replace")
    with Store.open(paths.default_db_path(db)) as store:
        return store.record_kata_attempt(kata_id, report.device, report.status, report.duration_s, code,
                                         report.to_json(), source=source)


def cmd_grade(args) -> int:
    """Handler of ``quizapp grade``."""
    from grader.core import UsageError
    from grader.report import render

    try:
        report = grade_kata(args.kata_id, args.file, args.device)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(render(report, as_json=args.json, color=sys.stdout.isatty()))
    if not args.no_record:
        try:
            record_attempt(args.db, args.kata_id, args.file, report)
        except Exception as exc:  # the verdict stands even when the store cannot take it
            print(f"warning: the attempt was not recorded: {exc}", file=sys.stderr)
    return EXIT_PASS if report.status == "pass" else EXIT_FAIL
