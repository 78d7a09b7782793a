"""The lint of a set of katas: :func:`lint_katas`, and the :class:`LintReport` it returns.

For each kata it loads ``kata.yaml``, collects the metadata problems and the grade plan, grades
every job on a pool of warm grading slots in parallel threads (retrying once, with a longer
limit, a reference that timed out on a loaded machine), judges each kata as soon as its last
grade is in (``on_kata`` for live output), and runs the seed-overlap check beside the grades.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.kata import Kata, KataError, load_kata
from quizapp import paths
from quizapp.katalint.expectations import PASS
from quizapp.katalint.grades import GradeJob, _grade, _judge, _plan, _timed_out
from quizapp.katalint.metadata import bank_index, metadata_problems
from quizapp.katalint.seeds import SEED_TOOL, seed_overlap


@dataclass
class Problem:
    kata_id: str
    display: str          # "katas/<id>"
    message: str

    def __str__(self) -> str:
        return f"{self.display}: {self.message}"


@dataclass
class LintReport:
    """What :func:`lint_katas` found."""

    katas: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    grades: int = 0
    seconds: float = 0.0
    jobs: int = 1
    device: str = "auto"
    graded: list[GradeJob] = field(default_factory=list)  # every grade, with its report

    @property
    def ok(self) -> bool:
        return not self.problems and not self.unknown

    def by_kata(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for p in self.problems:
            result.setdefault(p.kata_id, []).append(p.message)
        return result


def _display(folder: Path) -> str:
    return f"{folder.parent.name}/{folder.name}"


def _relative(message: str, folder: Path) -> str:
    for prefix in (f"{folder}/", f"{folder}: ", str(folder)):
        message = message.replace(prefix, "")
    return message


def lint_katas(kata_ids: Iterable[str] | None = None, *, folder: str | os.PathLike | None = None,
               jobs: int | None = None, device: str = "auto", seeds: bool = True,
               seed_tool: Path | None = SEED_TOOL, sources: Any = "default", topics: Any = "default",
               questions: Any = "default",
               on_kata: Callable[[str, list[str]], None] | None = None, pool: Any = None) -> LintReport:
    """Check katas (all of the catalogue's, or ``kata_ids``); see :mod:`quizapp.katalint`.

    ``jobs``: grades in parallel (default: CPU count), on a pool of warm grading slots
    (``grader.pool.Pool``; pass ``pool`` to reuse one, as the test suite does). ``on_kata(display, problems)`` is called
    as each kata is finished (for live output). ``sources``/``topics``/``questions``: the source
    index, the known topic ids and question ids ("default": the project's questions folder;
    None: skip that check).
    """
    from quizapp.katas import close_matches, kata_ids as catalogue_ids

    started = time.monotonic()
    root = Path(folder) if folder is not None else paths.katas_dir()
    jobs = jobs or os.cpu_count() or 1
    report = LintReport(jobs=jobs, device=device)
    available = catalogue_ids(root)
    wanted = list(kata_ids) if kata_ids else available
    report.unknown = [k for k in wanted if k not in available]
    if report.unknown:
        for k in report.unknown:
            hint = close_matches(k, available)
            report.notes.append(f"unknown kata '{k}'" + (f" (did you mean {', '.join(hint)}?)" if hint else ""))
        report.seconds = time.monotonic() - started
        return report
    report.katas = wanted

    if sources == "default":
        try:
            from quizapp.banks import load_sources

            sources = load_sources()
        except Exception as exc:  # noqa: BLE001
            report.notes.append(f"source anchors not checked: questions/sources.yaml: {exc}")
            sources = None
    if "default" in (topics, questions):
        index = bank_index()
        topics = index.topics if topics == "default" else topics
        questions = index.questions if questions == "default" else questions

    seed_run = None
    folders = [root / k for k in wanted]
    from contextlib import nullcontext

    from grader.pool import Pool

    slots = nullcontext(pool) if pool is not None else Pool(jobs, device=device)
    if pool is not None:
        jobs = report.jobs = pool.jobs
    with tempfile.TemporaryDirectory(prefix="katalint-") as tmp, slots as slots, \
            ThreadPoolExecutor(max_workers=jobs) as pool, ThreadPoolExecutor(max_workers=1) as side:
        if seeds:
            seed_run = side.submit(seed_overlap, folders, seed_tool)
        problems: dict[str, list[str]] = {}
        pending: dict[str, list[GradeJob]] = {}
        katas: dict[str, Kata] = {}
        for kid in wanted:
            kata_folder = root / kid
            try:
                kata = load_kata(kata_folder)
            except KataError as exc:
                problems[kid] = [_relative(message, kata_folder) for message in exc.messages()]
                continue
            katas[kid] = kata
            problems[kid] = [_relative(p, kata_folder)
                             for p in metadata_problems(kata.spec, sources, topics, questions)]
            static, kata_jobs = _plan(kata, Path(tmp))
            problems[kid] += static
            pending[kid] = kata_jobs
        report.grades = sum(len(j) for j in pending.values())
        report.graded = [j for kata_jobs in pending.values() for j in kata_jobs]

        def finish(kid: str) -> None:
            if kid in katas:
                problems[kid] += _judge(katas[kid], pending[kid])
                for j in pending[kid]:
                    if j.retried and j.report is not None and j.report.status == PASS:
                        report.notes.append(
                            f"{_display(root / kid)}: {j.label} timed out once (a loaded machine?) "
                            f"and passed with a longer limit; its grade took {j.report.duration_s:.1f} s "
                            f"against timeout_s {katas[kid].spec.timeout_s:g}")
            if on_kata:
                on_kata(_display(root / kid), problems[kid])

        for kid in wanted:
            if kid not in pending:
                finish(kid)
        remaining = {kid: len(j) for kid, j in pending.items()}
        futures = {pool.submit(_grade, j, slots): j for kata_jobs in pending.values() for j in kata_jobs}
        while futures:
            retries = {}
            for future in as_completed(futures):
                j = futures[future]
                if j.want == "pass" and _timed_out(j.report) and not j.retried:
                    # A loaded machine can push a correct solution past the wall clock; try once
                    # more with a longer limit, and report it as a problem if that is what it took.
                    j.retried = True
                    limit = 3 * katas[j.kata_id].spec.timeout_s
                    retries[pool.submit(_grade, j, slots, limit)] = j
                    continue
                if j.report is not None:
                    report.device = j.report.device
                remaining[j.kata_id] -= 1
                if remaining[j.kata_id] == 0:
                    finish(j.kata_id)
            futures = retries
            report.grades += len(retries)

        if seed_run is not None:
            found, note = seed_run.result()
            if note:
                report.notes.append(note)
            for path, messages in found.items():
                problems.setdefault(path.name, []).extend(messages)
                if on_kata:
                    on_kata(_display(path), messages)
    for kid in wanted:
        report.problems += [Problem(kid, _display(root / kid), m) for m in problems.get(kid, [])]
    report.seconds = time.monotonic() - started
    return report
