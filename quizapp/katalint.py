"""``quizapp kata lint [KATA_ID...]``: the authoring check for katas (like rustlings' own).

For every kata (or the ids given) it checks that:

- ``kata.yaml`` is valid and its metadata complete in both languages: title, prompt, at least
  two hints (Korean text really in Korean), known topics, a ``source`` anchor listed in
  ``questions/sources.yaml``;
- ``reference.py`` and ``starter.py`` define every ``entry`` name;
- the reference PASSES and the starter does NOT;
- there are at least three ``wrong/*.py``, each starting with ``# expect: X`` (X: a check's
  ``name`` exactly, a check kind, or ``error``), each FAILS, and X is among the failed checks;
- trivial submissions generated from the reference's entry points (all zeros, the first input
  returned, random values, the first input transposed) fail;
- no passage is copied from the source documents (``../shared/tools/seed_overlap.py`` beside the
  project, when it exists).

Grades run in parallel threads (each grade already runs the submission in its own child process).
One line per problem, ``katas/<id>: ...``, then a summary. Exit 0 clean, 1 problems, 2 unknown ids.

The pure parts (:func:`entry_points`, :func:`trivial_submissions`, :func:`parse_expectation`,
:func:`expectation_met`, :func:`metadata_problems`) are usable and tested on their own;
:func:`lint_katas` is the library form of the command.
"""

from __future__ import annotations

import ast
import difflib
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.kata import Kata, KataError, KataSpec, load_kata
from quizapp import paths


MIN_WRONG = 3
MIN_HINTS = 2
#: Beside a source checkout only: an installed quizapp has none, and skips that check.
SEED_TOOL: Path | None = (paths.source_checkout().parent / "shared" / "tools" / "seed_overlap.py"
                          if paths.source_checkout() is not None else None)
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
EXPECT_LINE = re.compile(r"^#\s*expect\s*:\s*(.*?)\s*$")
PASS = "pass"


# --------------------------------------------------------------------------------------------
# Entry points and trivial submissions (pure)

@dataclass(frozen=True)
class EntryPoint:
    """A name the submission must define: ``function``, ``module`` (an nn.Module subclass),
    ``autograd`` (a torch.autograd.Function subclass) or ``object`` (another kind of class)."""

    name: str
    kind: str


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return _dotted(node.func)
    if isinstance(node, ast.Subscript):
        return _dotted(node.value)
    return ""


def _class_kind(node: ast.ClassDef, classes: dict[str, ast.ClassDef], seen: set[str]) -> str:
    """What a class is, from its bases (following classes defined in the same file)."""
    for base in node.bases:
        name = _dotted(base)
        last = name.rsplit(".", 1)[-1]
        if last in classes and last not in seen:
            return _class_kind(classes[last], classes, seen | {last})
        if last == "Function" or last.endswith("Function") and "autograd" in name:
            return "autograd"
        if last in ("Optimizer", "LRScheduler", "_LRScheduler", "Dataset", "IterableDataset",
                    "Sampler", "object"):
            return "object"
    return "module"


def entry_points(source: str, names: Iterable[str] | None = None) -> list[EntryPoint]:
    """The entry points of a reference solution, read with ``ast`` (nothing is imported).

    With ``names`` (the kata's ``entry``), one EntryPoint per name, in that order; a name the
    source does not define as a function or class counts as a function. Without, every public
    top-level function and class. Raises SyntaxError for a source that does not parse.
    """
    tree = ast.parse(source)
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    found: dict[str, EntryPoint] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = EntryPoint(node.name, "function")
        elif isinstance(node, ast.ClassDef):
            found[node.name] = EntryPoint(node.name, _class_kind(node, classes, {node.name}))
    if names is None:
        return [e for name, e in found.items() if not name.startswith("_")]
    return [found.get(name, EntryPoint(name, "function")) for name in names]


def defined_names(source: str) -> set[str]:
    """Top-level names a module defines (functions, classes, assignments, imports)."""
    names: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


#: kind -> (what it does, the body of ``_answer(args, kwargs)``)
TRIVIAL_KINDS: dict[str, tuple[str, str]] = {
    "zeros": ("returns zeros shaped like its first tensor argument",
              "    return torch.zeros_like(tensor) if tensor is not None else torch.zeros(())\n"),
    "identity": ("returns its first argument unchanged",
                 "    return _first_arg(args, kwargs)\n"),
    "random": ("returns random values shaped like its first tensor argument",
               "    if tensor is None:\n"
               "        return torch.rand(())\n"
               "    if tensor.is_floating_point() or tensor.is_complex():\n"
               "        return torch.rand_like(tensor)\n"
               "    return torch.randint_like(tensor, 0, 10)\n"),
    "transpose": ("returns its first tensor argument transposed (.mT)",
                  "    if tensor is None:\n"
                  "        return _first_arg(args, kwargs)\n"
                  "    return tensor.mT if tensor.dim() >= 2 else tensor\n"),
}

_PRELUDE = '''"""Trivial submission '{kind}' written by `quizapp kata lint`: every entry point {what}.

It must fail: a kata that accepts it does not check what it asks for.
"""
import torch
from torch import nn


def _first_tensor(args, kwargs):
    for value in (*args, *kwargs.values()):
        if isinstance(value, torch.Tensor):
            return value
    return None


def _first_arg(args, kwargs):
    if args:
        return args[0]
    return next(iter(kwargs.values()), None)


def _answer(args, kwargs):
    tensor = _first_tensor(args, kwargs)
{body}'''

_TEMPLATES = {
    "function": '''

def {name}(*args, **kwargs):
    return _answer(args, kwargs)
''',
    "module": '''

class {name}(nn.Module):
    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, *args, **kwargs):
        return _answer(args, kwargs)
''',
    "autograd": '''

class {name}(torch.autograd.Function):
    @staticmethod
    def forward(ctx, *args):
        ctx.like = [(a.shape, a.dtype, a.device) if isinstance(a, torch.Tensor) else None
                    for a in args]
        return _answer(args, {{}})

    @staticmethod
    def backward(ctx, *grads):
        return tuple(None if like is None else torch.zeros(like[0], dtype=like[1], device=like[2])
                     for like in ctx.like)
''',
    "object": '''

class {name}:
    """Accepts anything; every method returns the trivial answer."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, attribute):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        return lambda *args, **kwargs: _answer(args, kwargs)

    def __call__(self, *args, **kwargs):
        return _answer(args, kwargs)

    def __len__(self):
        return 0

    def __getitem__(self, index):
        return _answer((index,), {{}})

    def __iter__(self):
        return iter(())
''',
}


def trivial_submission(kind: str, entries: Iterable[EntryPoint]) -> str:
    """The source of one trivial submission (``kind`` from TRIVIAL_KINDS) defining ``entries``."""
    what, body = TRIVIAL_KINDS[kind]
    parts = [_PRELUDE.format(kind=kind, what=what, body=body)]
    parts += [_TEMPLATES[e.kind].format(name=e.name) for e in entries]
    return "".join(parts)


def trivial_submissions(entries: Iterable[EntryPoint]) -> dict[str, str]:
    """kind -> source, one trivial submission per kind in TRIVIAL_KINDS."""
    entries = list(entries)
    return {kind: trivial_submission(kind, entries) for kind in TRIVIAL_KINDS}


# --------------------------------------------------------------------------------------------
# Expectations of wrong submissions (pure)

def parse_expectation(source: str) -> str | None:
    """X from a ``# expect: X`` line in the leading comment block (normally line 1), else None."""
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = EXPECT_LINE.match(stripped)
        if match:
            return match.group(1) or None
    return None


def _get(test: Any, key: str) -> Any:
    if isinstance(test, dict):
        return test.get("check" if key == "kind" else key)
    return getattr(test, key, None)


def failed_checks(tests: Iterable[Any]) -> list[tuple[str, str]]:
    """(name, kind) of every test that did not pass; tests are TestResults or results-v3 dicts."""
    return [(_get(t, "name") or "", _get(t, "kind") or "") for t in tests if _get(t, "status") != PASS]


def expectation_met(expect: str, status: str, tests: Iterable[Any]) -> bool:
    """Did a grade fail the way ``# expect: X`` says?

    ``error``: the submission could not run (the report's status is ``error``). Otherwise X is
    a failed test's name (exactly) or a failed test's check kind. A pass never meets it.
    """
    if status == PASS:
        return False
    if expect == "error":
        return status == "error"
    return any(expect in (name, kind) for name, kind in failed_checks(tests))


def known_expectations(spec: KataSpec, test_names: Iterable[str] = ()) -> set[str]:
    """What ``# expect:`` may name for this kata: check names, kinds, ``entry``, ``error``,
    and the names the grader gave the checks (``test_names``, e.g. from the reference's report)."""
    known = {"error", "entry"} | {c.kind for c in spec.checks}
    known |= {c.name for c in spec.checks if c.name}
    return known | set(test_names)


# --------------------------------------------------------------------------------------------
# Metadata (pure)

def metadata_problems(spec: KataSpec, sources: Any = None,
                      known_topics: Iterable[str] | None = None,
                      question_ids: Iterable[str] | None = None) -> list[str]:
    """Problems with a kata's metadata, as messages relative to ``kata.yaml``.

    ``sources``: anything supporting ``ref in sources`` (a SourceIndex, a set of
    ``doc#anchor``), or None to skip the anchor check. ``known_topics``: the banks' topic ids,
    None skips that check. ``question_ids``: the banks' question ids; with them every
    ``related`` id must be a question id or a topic id (None skips that check).
    """
    problems: list[str] = []

    def text(label: str, value) -> None:
        for lang in ("ko", "en"):
            content = getattr(value, lang, "") or ""
            if not content.strip():
                problems.append(f"kata.yaml: {label}.{lang} is blank")
            elif lang == "ko" and not HANGUL.search(content):
                problems.append(f"kata.yaml: {label}.ko has no Korean text")

    text("title", spec.title)
    text("prompt", spec.prompt)
    if len(spec.hints) < MIN_HINTS:
        problems.append(f"kata.yaml: {len(spec.hints)} hint(s); give at least {MIN_HINTS}, "
                        "from a nudge to nearly the answer")
    for i, hint in enumerate(spec.hints):
        text(f"hints[{i}]", hint)
    if not spec.topics:
        problems.append("kata.yaml: topics is empty")
    if known_topics is not None:
        known = set(known_topics)
        for topic in spec.topics:
            if topic not in known:
                problems.append(f"kata.yaml: unknown topic '{topic}' (known: {', '.join(sorted(known))})")
    if sources is not None and spec.source not in sources:
        problems.append(f"kata.yaml: source '{spec.source}' is not an anchor in questions/sources.yaml")
    if question_ids is not None:
        problems += related_problems(spec.related, set(question_ids), set(known_topics or ()))
    if not spec.entry:
        problems.append("kata.yaml: entry names nothing")
    return problems


def related_problems(related: Iterable[str], question_ids: set[str], topics: set[str]) -> list[str]:
    """A message for each ``related`` id that is neither a question id nor a topic id, with the
    closest ids as a hint."""
    problems = []
    for i, rid in enumerate(related):
        if rid in question_ids or rid in topics:
            continue
        close = difflib.get_close_matches(rid, sorted(question_ids | topics), n=1, cutoff=0.7)
        hint = f" (did you mean {close[0]}?)" if close else ""
        problems.append(f"kata.yaml: related[{i}]: unknown id '{rid}': not a question id of the banks "
                        f"nor a topic id{hint}")
    return problems


@dataclass(frozen=True)
class BankIndex:
    """What katas may name from the question banks: topic ids and question ids."""

    topics: frozenset[str]
    questions: frozenset[str]


def bank_index(questions: Path | None = None) -> BankIndex:
    """The topics and question ids of the banks in ``questions`` (default: the project's).

    A topic is a bank's ``topic``; a bank file that does not load still names its topic by its
    file name (the bank lint requires the two to match), so one broken bank does not make every
    kata of its topic fail too."""
    from quizapp.banks import bank_files, load_banks

    folder = questions or paths.questions_dir()
    if not folder.is_dir():
        return BankIndex(frozenset(), frozenset())
    banks = load_banks(folder)
    topics = set(banks.topics) | {p.stem for p in bank_files(folder)}
    return BankIndex(frozenset(topics), frozenset(banks.by_id))


def known_topics(questions: Path | None = None) -> set[str]:
    """The topic ids of the question banks (see :func:`bank_index`)."""
    return set(bank_index(questions).topics)


# --------------------------------------------------------------------------------------------
# The check

@dataclass
class GradeJob:
    """One submission to grade and what should come of it."""

    kata_id: str
    folder: Path
    label: str            # as shown: "reference.py", "wrong/x.py", "trivial submission 'zeros'"
    path: Path
    want: str             # "pass" or "fail"
    expect: str | None = None
    report: Any = None    # grader.report.Report once graded
    crash: str | None = None
    retried: bool = False


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


def _one_line(text: str | None, limit: int = 240) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _why(report) -> str:
    """A short reason a report did not pass: its message and the first failed test's message."""
    parts = [report.message or report.status]
    for test in report.tests:
        if test.status != PASS and test.message:
            parts.append(f"{test.name}: {test.message}")
            break
    return _one_line(" | ".join(parts), 400)


def _plan(kata: Kata, workdir: Path) -> tuple[list[str], list[GradeJob]]:
    """The static problems of one kata and the grades it needs."""
    problems: list[str] = []
    jobs: list[GradeJob] = []
    folder, kid = kata.folder, kata.id

    def job(label, path, want, expect=None):
        jobs.append(GradeJob(kid, folder, label, path, want, expect))

    sources: dict[str, str] = {}
    for name in ("reference.py", "starter.py"):
        try:
            sources[name] = kata.path(name).read_text(encoding="utf-8")
            missing = [e for e in kata.spec.entry if e not in defined_names(sources[name])]
            if missing:
                problems.append(f"{name} does not define {', '.join(missing)} (kata.yaml entry)")
        except SyntaxError as exc:
            problems.append(f"{name}: syntax error at line {exc.lineno}: {exc.msg}")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{name}: cannot be read: {exc}")
    job("reference.py", kata.path("reference.py"), "pass")
    job("starter.py", kata.path("starter.py"), "fail")

    wrong = kata.wrong_submissions()
    if len(wrong) < MIN_WRONG:
        problems.append(f"{len(wrong)} wrong submission(s) in wrong/; write at least {MIN_WRONG} "
                        "realistic mistakes")
    for path in wrong:
        label = f"wrong/{path.name}"
        try:
            expect = parse_expectation(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{label}: cannot be read: {exc}")
            continue
        if expect is None:
            problems.append(f"{label}: no '# expect: <check>' first line (a check's name, a check "
                            "kind, or 'error')")
        job(label, path, "fail", expect)

    if "reference.py" in sources:
        try:
            entries = entry_points(sources["reference.py"], kata.spec.entry)
        except SyntaxError:
            entries = []
        for kind, code in (trivial_submissions(entries) if entries else {}).items():
            path = workdir / f"{kid}--trivial-{kind}.py"
            path.write_text(code, encoding="utf-8")
            job(f"trivial submission '{kind}' ({TRIVIAL_KINDS[kind][0]})", path, "fail")
    return problems, jobs


def _judge(kata: Kata, jobs: list[GradeJob]) -> list[str]:
    """Problems found by one kata's grades."""
    problems: list[str] = []
    reference = next((j.report for j in jobs if j.label == "reference.py"), None)
    names = [t.name for t in reference.tests] if reference is not None else []
    known = known_expectations(kata.spec, names)
    for j in jobs:
        if j.crash:
            problems.append(f"{j.label}: grading it raised {j.crash}")
            continue
        report = j.report
        if j.want == "pass":
            if report.status != PASS:
                problems.append(f"{j.label} does not pass ({report.status}): {_why(report)}")
            continue
        if report.status == PASS:
            if j.label == "starter.py":
                problems.append("starter.py passes without being solved")
            elif j.expect:
                problems.append(f"{j.label} passes; it should fail on '{j.expect}'")
            else:
                problems.append(f"{j.label} passes; it must fail")
            continue
        if j.expect is None:
            continue
        if j.expect not in known:
            names_text = sorted(c.name for c in kata.spec.checks if c.name)
            kinds_text = sorted({c.kind for c in kata.spec.checks})
            problems.append(f"{j.label}: '# expect: {j.expect}' names no check of this kata "
                            f"(names: {names_text}; kinds: {kinds_text}; or 'error')")
        elif not expectation_met(j.expect, report.status, report.tests):
            failed = [name for name, _ in failed_checks(report.tests)]
            what = f"failed: {'; '.join(failed)}" if failed else _why(report)
            problems.append(f"{j.label} fails ({report.status}), but not on '{j.expect}' "
                            f"({_one_line(what)})")
    return problems


def _timed_out(report) -> bool:
    return report is not None and report.status == "error" and "timed out" in (report.message or "")


def _grade(job: GradeJob, pool, timeout_s: float | None = None) -> GradeJob:
    try:
        job.report = pool.grade(job.folder, job.path, timeout_s=timeout_s)
    except Exception as exc:  # noqa: BLE001 - one bad grade must not stop the whole check
        job.crash = f"{type(exc).__name__}: {_one_line(str(exc))}"
    return job


def seed_overlap(folders: list[Path], tool: Path | None = SEED_TOOL,
                 timeout_s: float = 600) -> tuple[dict[Path, list[str]], str | None]:
    """Run the seed-overlap tool on ``folders``: (folder -> copied passages, note or None)."""
    if not folders:
        return {}, None
    if tool is None:
        return {}, "seed-overlap check skipped: it needs a source checkout of quizapp"
    if not tool.is_file():
        return {}, f"seed-overlap check skipped: {tool} not found"
    try:
        done = subprocess.run([sys.executable, str(tool), *map(str, folders)], capture_output=True,
                              text=True, timeout=timeout_s, encoding="utf-8", errors="replace")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {}, f"seed-overlap check could not run: {exc}"
    found: dict[Path, list[str]] = {}
    for line in done.stdout.splitlines():
        match = re.match(r"^(.*?): (\d+\+ chars copied from .*)$", line)
        if not match:
            continue
        path = Path(match.group(1))
        for folder in folders:
            if path == folder or folder in path.parents:
                found.setdefault(folder, []).append(
                    f"copied from the sources: {path.relative_to(folder)}: {match.group(2)}")
                break
    if done.returncode not in (0, 1):
        return found, f"seed-overlap check failed (exit {done.returncode}): {_one_line(done.stderr)}"
    return found, None


def lint_katas(kata_ids: Iterable[str] | None = None, *, folder: str | os.PathLike | None = None,
               jobs: int | None = None, device: str = "auto", seeds: bool = True,
               seed_tool: Path | None = SEED_TOOL, sources: Any = "default", topics: Any = "default",
               questions: Any = "default",
               on_kata: Callable[[str, list[str]], None] | None = None, pool: Any = None) -> LintReport:
    """Check katas (all of the catalogue's, or ``kata_ids``); see the module's docstring.

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
