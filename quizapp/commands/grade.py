"""``quizapp grade KATA_ID PATH [PATH...]``: grade one submission (and record the attempt) or a
whole class of them (a batch: progress, summary, JSON Lines, a CSV gradebook, shards).

The reports, the batch summary and these lines are in the command's language
(:func:`quizapp.commands.common.language`: ``--lang``, else the remembered one, else English),
worded by the grader's catalogue (``grader.messages``); the JSON's keys and statuses are the same
in every language. Nothing here imports torch before the grader has started its sandboxed slot.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from grader.messages import msg
from quizapp import exit_codes
from quizapp.commands.common import language
from quizapp.grading import (grade_kata, kata_folder, mark_same_code, record_attempt,
                             unknown_kata_message, write_gradebook)


def is_batch(args) -> bool:
    """Several paths, a folder, or a batch option: a class to grade, not one attempt."""
    files = args.file
    return (len(files) > 1 or Path(files[0]).is_dir() or bool(args.gradebook) or bool(args.shard)
            or args.jobs is not None)


def run(args) -> int:
    """``quizapp grade KATA_ID PATH [PATH...]``: one file (the attempt is recorded) or a class."""
    lang = language(args)
    if is_batch(args):
        return run_batch(args, lang)
    from grader.core import UsageError
    from grader.report import render

    try:
        report = grade_kata(args.kata_id, args.file[0], args.device, lang=lang)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_codes.USAGE
    print(render(report, as_json=args.json, color=sys.stdout.isatty()))
    if not args.no_record:
        try:
            record_attempt(args.db, args.kata_id, args.file[0], report)
        except Exception as exc:  # the verdict stands even when the store cannot take it
            print(msg("attempt.not_recorded", lang, error=exc), file=sys.stderr)
    return exit_codes.OK if report.status == "pass" else exit_codes.FAIL


# --------------------------------------------------------------------------------------------
# A class of submissions

def run_batch(args, lang: str = "en") -> int:
    """Grade every submission on a pool of warm slots; never recorded in the progress database."""
    from grader import batch, sandbox

    folder = kata_folder(args.kata_id)
    if folder is None:
        print(f"error: {unknown_kata_message(args.kata_id)}", file=sys.stderr)
        return exit_codes.USAGE
    entries, missing = batch.collect(args.file, lang)
    if missing:
        print("error: " + msg("batch.missing_paths", lang, paths=", ".join(missing)), file=sys.stderr)
        return exit_codes.USAGE
    try:
        if args.shard:
            entries = batch.shard(entries, *batch.parse_shard(args.shard))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_codes.USAGE
    if sandbox.choose_isolation() != "bubblewrap" and not args.allow_unsandboxed:
        print(f"error: {msg('sandbox.none', lang)}.\n{msg('batch.refuse_unsandboxed', lang)}", file=sys.stderr)
        return exit_codes.USAGE
    started = time.monotonic()
    try:
        jobs = _grade_entries(folder, entries, args, lang)
    except KeyboardInterrupt:
        print(msg("batch.interrupted", lang), file=sys.stderr)
        return exit_codes.INTERRUPTED
    if jobs is None:
        return exit_codes.USAGE
    mark_same_code(entries, folder)
    elapsed = time.monotonic() - started
    if args.gradebook:
        write_gradebook(entries, Path(args.gradebook))
    out = sys.stderr if args.json else sys.stdout
    print(render_summary(entries, args.kata_id, elapsed, jobs, args.gradebook, lang), file=out)
    return exit_codes.OK if entries and all(batch.status_of(e) == "pass" for e in entries) else exit_codes.FAIL


def _grade_entries(folder: Path, entries: list, args, lang: str = "en") -> int | None:
    """Grade the entries in place (``entry.report``, in ``lang``); print JSON Lines as they finish
    with --json. Returns the number of slots used, or None on a bad invocation."""
    from grader.pool import GradeRequest, Pool, UsageError

    by_path = {e.path: e for e in entries if e.problem is None}
    try:
        pool = Pool(args.jobs or None, device=args.device, lang=lang)
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


def render_summary(entries: list, kata_id: str, seconds: float, jobs: int, gradebook: str | None,
                   lang: str = "en") -> str:
    """The lines printed after a batch, in ``lang``: one per submission, then the counts."""
    from grader import batch

    facts = batch.summary(entries)
    device = next((e.report.device for e in entries if e.report), "cpu")
    isolation = next((e.report.isolation for e in entries if e.report), "")
    lines = []
    width = max([len(str(e.path)) for e in entries] + [10])
    for entry in sorted(entries, key=lambda e: str(e.path)):
        status = batch.status_of(entry)
        if entry.report is not None:
            passed = sum(t.status == "pass" for t in entry.report.tests)
            detail = msg("batch.checks", lang, passed=passed, total=len(entry.report.tests),
                         seconds=entry.report.duration_s)
        else:
            detail = ""
        note = "" if status == "pass" else batch.message_of(entry)
        if entry.same_as:
            note = (note + "; " if note else "") + msg("batch.same_as", lang, paths=", ".join(entry.same_as))
        word = msg(f"status.{status}", lang)
        lines.append(f"  {_pad(word, 5)}  {str(entry.path):<{width}}  {_pad(detail, 22)}  {note[:110]}".rstrip())
    lines += ["", msg("batch.total", lang, kata=kata_id, total=facts["total"], seconds=f"{seconds:.1f}", jobs=jobs,
                      device=device, isolation=isolation or msg("batch.isolation_none", lang)),
              msg("batch.counts", lang, passed=facts["pass"], failed=facts["fail"], errors=facts["error"])]
    if facts["slowest"]:
        lines.append(msg("batch.slowest", lang, items=", ".join(
            msg("batch.seconds", lang, name=Path(p).name, seconds=f"{s:.1f}") for p, s in facts["slowest"])))
    for group in facts["same_code"]:
        lines.append(msg("batch.same_code", lang, paths=" = ".join(group)))
    if gradebook:
        lines.append(msg("batch.gradebook", lang, path=gradebook))
    return "\n".join(lines)


def _pad(text: str, width: int) -> str:
    """``text`` padded on the right to ``width`` terminal columns (Hangul takes two each)."""
    from grader.report import display_width

    return text + " " * max(0, width - display_width(text))
