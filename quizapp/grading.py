"""``quizapp grade KATA_ID PATH [PATH...]``: grade one submission (and record the attempt) or a
whole class of them (a batch: progress, summary, JSON Lines, a CSV gradebook, shards).

The grader starts its sandboxed slot before it imports torch, so this module keeps its own
imports light until the grade is under way.
"""

from __future__ import annotations

import difflib
import json
import sys
import time
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


def is_batch(args) -> bool:
    """Several paths, a folder, or a batch option: a class to grade, not one attempt."""
    files = args.file
    return (len(files) > 1 or Path(files[0]).is_dir() or bool(args.gradebook) or bool(args.shard)
            or args.jobs is not None)


def cmd_grade(args) -> int:
    """Handler of ``quizapp grade``."""
    if is_batch(args):
        return cmd_grade_batch(args)
    from grader.core import UsageError
    from grader.report import render

    try:
        report = grade_kata(args.kata_id, args.file[0], args.device)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(render(report, as_json=args.json, color=sys.stdout.isatty()))
    if not args.no_record:
        try:
            record_attempt(args.db, args.kata_id, args.file[0], report)
        except Exception as exc:  # the verdict stands even when the store cannot take it
            print(f"warning: the attempt was not recorded: {exc}", file=sys.stderr)
    return EXIT_PASS if report.status == "pass" else EXIT_FAIL


# --------------------------------------------------------------------------------------------
# A class of submissions

def cmd_grade_batch(args) -> int:
    """Grade every submission on a pool of warm slots; never recorded in the progress database."""
    from grader import batch, sandbox

    folder = kata_folder(args.kata_id)
    if folder is None:
        print(f"error: {unknown_kata_message(args.kata_id)}", file=sys.stderr)
        return EXIT_USAGE
    entries, missing = batch.collect(args.file)
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.shard:
            entries = batch.shard(entries, *batch.parse_shard(args.shard))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if sandbox.choose_isolation() != "bubblewrap" and not args.allow_unsandboxed:
        print(f"error: {sandbox.UNSANDBOXED_WARNING}.\nGrading other people's files that way lets "
              "them reach your files and processes; pass --allow-unsandboxed to do it anyway.",
              file=sys.stderr)
        return EXIT_USAGE
    started = time.monotonic()
    try:
        jobs = _grade_entries(folder, entries, args)
    except KeyboardInterrupt:
        print("interrupted: nothing was written", file=sys.stderr)
        return 130
    if jobs is None:
        return EXIT_USAGE
    _mark_same_code(entries, folder)
    elapsed = time.monotonic() - started
    if args.gradebook:
        _write_gradebook(entries, Path(args.gradebook))
    out = sys.stderr if args.json else sys.stdout
    print(render_summary(entries, args.kata_id, elapsed, jobs, args.gradebook), file=out)
    return EXIT_PASS if entries and all(batch.status_of(e) == "pass" for e in entries) else EXIT_FAIL


def _grade_entries(folder: Path, entries: list, args) -> int | None:
    """Grade the entries in place (``entry.report``); print JSON Lines as they finish with --json.
    Returns the number of slots used, or None on a bad invocation."""
    from grader.pool import GradeRequest, Pool, UsageError

    by_path = {e.path: e for e in entries if e.problem is None}
    try:
        pool = Pool(args.jobs or None, device=args.device)
        pool.prepare(folder)  # while the slots load torch
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    with pool, _progress(len(by_path)) as advance:
        for request, result in pool.grade_many(GradeRequest(folder, p) for p in by_path):
            entry = by_path[request.submission]
            if isinstance(result, Exception):
                entry.problem = str(result)
            else:
                entry.report = result
            if args.json:
                print(json.dumps(_json_line(entry), ensure_ascii=False), flush=True)
            advance(entry)
        jobs = pool.jobs
    if args.json:
        for entry in entries:
            if entry.problem is not None and entry.report is None and entry.path not in by_path:
                print(json.dumps(_json_line(entry), ensure_ascii=False), flush=True)
    return jobs


def _json_line(entry) -> dict:
    if entry.report is not None:
        data = entry.report.to_json()
    else:
        data = {"version": 3, "status": "error", "message": entry.problem, "tests": []}
    return {"submission": str(entry.path), **data}


class _progress:
    """A progress bar on a terminal (rich's, which Textual brings); nothing otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty() and self.total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TextColumn("{task.description}"),
                                console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self.advance

    def advance(self, entry) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=entry.path.name)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


def _mark_same_code(entries: list, folder: Path) -> None:
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


def _write_gradebook(entries: list, target: Path) -> None:
    """Write the CSV next to its final name, then move it there (a kill leaves no half file)."""
    from grader import batch

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as handle:
        batch.write_gradebook(entries, handle)
    partial.replace(target)


def render_summary(entries: list, kata_id: str, seconds: float, jobs: int, gradebook: str | None) -> str:
    """The lines printed after a batch: one per submission, then the counts."""
    from grader import batch

    facts = batch.summary(entries)
    device = next((e.report.device for e in entries if e.report), "cpu")
    isolation = next((e.report.isolation for e in entries if e.report), "")
    lines = []
    width = max([len(str(e.path)) for e in entries] + [10])
    for entry in sorted(entries, key=lambda e: str(e.path)):
        status = batch.status_of(entry).upper()
        if entry.report is not None:
            passed = sum(t.status == "pass" for t in entry.report.tests)
            detail = f"{passed}/{len(entry.report.tests)} checks  {entry.report.duration_s:5.1f} s"
        else:
            detail = ""
        note = "" if status == "PASS" else batch.message_of(entry)
        if entry.same_as:
            note = (note + "; " if note else "") + "same code as " + ", ".join(entry.same_as)
        lines.append(f"  {status:<5}  {str(entry.path):<{width}}  {detail:<22}  {note[:110]}".rstrip())
    lines += ["", f"{kata_id}: {facts['total']} submissions in {seconds:.1f} s ({jobs} slot(s), {device}, "
                  f"isolation: {isolation or 'none'})",
              f"  passed {facts['pass']}   failed {facts['fail']}   errors {facts['error']}"]
    if facts["slowest"]:
        lines.append("  slowest: " + ", ".join(f"{Path(p).name} {s:.1f} s" for p, s in facts["slowest"]))
    for group in facts["same_code"]:
        lines.append("  same code up to names, comments and formatting: " + " = ".join(group))
    if gradebook:
        lines.append(f"  gradebook: {gradebook}")
    return "\n".join(lines)
