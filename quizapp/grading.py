"""Grading a kata for a person: find the kata, grade a file, record the attempt, and the parts of
a class's grade that are not printing (same-code marks, the gradebook file).

The grader starts its sandboxed slot before it imports torch, so this module keeps its own
imports light until the grade is under way.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from quizapp import paths

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


def grade_kata(kata_id: str, file: str | Path, device: str = "auto", lang: str = "en"):
    """Grade ``file`` for ``kata_id``; returns the grader's Report, worded in ``lang`` ("ko" or
    "en": check names, messages, diagnoses). Raises grader.UsageError."""
    from grader.core import UsageError, grade

    folder = kata_folder(kata_id)
    if folder is None:
        raise UsageError(unknown_kata_message(kata_id))
    return grade(folder, file, device=device, lang=lang)


def record_attempt(db: str | None, kata_id: str, file: str | Path, report, source: str = "cli") -> int:
    """Store the attempt with its code and JSON report, and review the kata's card (a failed
    check recalls the kata's related questions); returns the attempt id."""
    from quizapp.store import Store

    code = Path(file).read_text(encoding="utf-8", errors="replace")
    with Store.open(paths.default_db_path(db)) as store:
        return store.record_kata_attempt(kata_id, report.device, report.status, report.duration_s, code,
                                         report.to_json(), source=source,
                                         **_attempt_context(store, kata_id))


def _attempt_context(store, kata_id: str) -> dict:
    """The kata's minutes and related questions for the record (the command line knows neither
    the hints opened nor the time spent). Without the catalogue or the banks, the verdict alone
    rates the attempt: the attempt itself is what must not be lost."""
    from datetime import datetime, timezone

    from quizapp.kata_schedule import attempt_context, kata_related

    try:
        from quizapp.banks import load_banks
        from quizapp.katas import find_kata

        info = find_kata(kata_id)
        spec = info.spec if info is not None else None
        questions = load_banks().questions if kata_related(spec) else []  # only when needed
        return attempt_context(spec, questions, store.cards(), datetime.now(timezone.utc),
                               scheduler=store.scheduler)
    except Exception:  # noqa: BLE001
        return {}


def mark_same_code(entries: list, folder: Path) -> None:
    """Set ``entry.same_as`` for submissions whose code is the same up to names, comments and
    formatting (copies of the kata's starter do not count)."""
    from grader import batch

    sources = {}
    for entry in entries:
        if entry.problem is None:
            try:
                sources[str(entry.path)] = entry.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
    starter = (folder / "starter.py").read_text(encoding="utf-8")
    for group in batch.same_code_groups(sources, starter):
        for entry in entries:
            if str(entry.path) in group:
                entry.same_as = [p for p in group if p != str(entry.path)]


def write_gradebook(entries: list, target: Path) -> None:
    """Write the CSV next to its final name, then move it there (a kill leaves no half file)."""
    from grader import batch

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        batch.write_gradebook(entries, handle)
    partial.replace(target)
