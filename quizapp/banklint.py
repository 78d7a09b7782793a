"""``quizapp bank lint [PATH...]``: checks question banks as an author needs them checked.

Every message is ``file:line: ...`` with the line of the offending question or field; the exit
status is 0 when every bank is clean and 1 otherwise. Checks:

- the schema (:mod:`quizapp.banks`): fields, types, both languages non-empty everywhere, answers
  in range for their type, multi answers unique and non-empty, output questions with code, short
  questions with key points and keywords, difficulty 1..3;
- YAML keys given twice in one mapping (PyYAML would silently keep the last);
- ``topic`` equal to the file name's stem; ``topics`` starting with it and naming known topics;
- ids unique across all banks (a file's siblings in its folder count, linted or not);
- ``source`` a ``document#anchor`` listed in ``sources.yaml`` (the file's folder's, else the
  project's); that index itself: document and anchor names that can be cited, each description
  a text or ``{ko, en}`` with both non-empty, no key given twice (a ``sources.yaml`` named on the
  command line is linted on its own, too);
- output questions: the recorded answer equals what the installed torch prints. All snippets run in
  one child process (each in its own namespace, stdout captured, a per-snippet timer); a snippet
  that hangs or crashes that process is reported as such and the rest go on in a new one.

``lint_paths`` is the library form; ``quizapp.commands.lint`` prints it.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from quizapp.banks import (
    SOURCES_FILE,
    BankError,
    BankFile,
    Question,
    SourceIndex,
    bank_files,
    format_loc,
    line_of,
    load_bank_file,
    read_sources,
)

#: Seconds one output snippet may run.
SNIPPET_TIMEOUT = 20.0
#: Seconds the child may take to start (it imports torch) before its first snippet.
STARTUP_TIMEOUT = 60.0
RUNNER = Path(__file__).with_name("_snippet_runner.py")


@dataclass
class LintReport:
    """What :func:`lint_paths` found: ``errors`` (sorted), and counts for the summary."""

    errors: list[BankError] = field(default_factory=list)
    files: int = 0
    questions: int = 0
    snippets_run: int = 0
    torch_version: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class SnippetResult:
    key: str
    stdout: str
    error: str | None
    seconds: float = 0.0


# --------------------------------------------------------------------------------------------
# Helpers

def _display(path: Path) -> str:
    """The path as messages show it: relative to the working folder when it is inside it."""
    if not path.is_absolute():
        return str(path)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def normalise_recorded(text: str) -> str:
    """Line endings unified, trailing spaces of each line and blank lines at both ends dropped:
    the comparison used between a recorded answer and what torch prints."""
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _first_difference(recorded: str, printed: str) -> str:
    a, b = recorded.split("\n"), printed.split("\n")
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x != y:
            where = f"line {i + 1}: " if max(len(a), len(b)) > 1 else ""
            rec = repr(x) if x is not None else "(no line)"
            got = repr(y) if y is not None else "(no line)"
            return f"{where}recorded {rec}, printed {got}"
    return "they differ"  # pragma: no cover


def _duplicate_keys(node: yaml.Node | None, file: str, out: list[BankError]) -> None:
    """Report keys given twice in one YAML mapping (iteratively, the trees are small)."""
    stack = [node] if node is not None else []
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen: dict[str, int] = {}
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    line = k.start_mark.line + 1
                    if k.value in seen:
                        out.append(BankError(file, line, f"key {k.value!r} given twice in one "
                                             f"mapping (first at line {seen[k.value]}); "
                                             "YAML keeps only the last"))
                    else:
                        seen[k.value] = line
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _question_index(result: BankFile) -> dict[int, int]:
    """Line of each question mapping -> its index in ``questions``."""
    from quizapp.banks import _child

    _, seq = _child(result.root, "questions")
    if not isinstance(seq, yaml.SequenceNode):
        return {}
    return {item.start_mark.line + 1: i for i, item in enumerate(seq.value)}


def _raw_questions(result: BankFile):
    """(index, raw mapping, line) of each question mapping in a loaded file's data."""
    data = result.data
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return []
    from quizapp.banks import _child

    _, seq = _child(result.root, "questions")
    nodes = seq.value if isinstance(seq, yaml.SequenceNode) else []
    out = []
    for i, raw in enumerate(data["questions"]):
        if isinstance(raw, dict):
            line = nodes[i].start_mark.line + 1 if i < len(nodes) else 1
            out.append((i, raw, line))
    return out


def _lint_sources_file(path: Path, errors: list[BankError]) -> SourceIndex | str:
    """Report a sources index's own problems; returns its valid entries, or why the banks'
    sources cannot be checked against it (the file could not be read or parsed)."""
    result = read_sources(path, display=_display(path))
    errors.extend(result.errors)
    if result.root is None:
        return f"cannot read {_display(path)}" + (
            f": {result.errors[0].message}" if result.errors else "")
    _duplicate_keys(result.root, _display(path), errors)
    return result.index


def _collect_files(paths: list[Path], errors: list[BankError]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = bank_files(path)
            if not found:
                errors.append(BankError(_display(path), 0, "no bank files (*.yaml) in this folder"))
            files.extend(found)
        elif path.is_file():
            if path.name != SOURCES_FILE:
                files.append(path)
        else:
            errors.append(BankError(_display(path), 0, "no such file or folder"))
    unique: dict[Path, Path] = {}
    for f in files:
        unique.setdefault(f.resolve(), f)
    return list(unique.values())


# --------------------------------------------------------------------------------------------
# Running output snippets

def run_snippets(snippets: list[tuple[str, str]], *, timeout: float = SNIPPET_TIMEOUT,
                 startup_timeout: float = STARTUP_TIMEOUT,
                 python: str | None = None) -> tuple[dict[str, SnippetResult], str | None]:
    """Run ``(key, code)`` snippets in a child process; returns results by key and torch's version.

    One child runs them all in order. When it stops answering (a snippet stuck in C code, a
    crash), the snippet it was on is reported (timed out / crashed) and a new child takes the
    rest.
    """
    results: dict[str, SnippetResult] = {}
    version: str | None = None
    pending = list(snippets)
    with tempfile.TemporaryDirectory(prefix="quizapp-lint-") as workdir:
        while pending:
            done, version_now = _run_batch(pending, timeout, startup_timeout, python, workdir)
            version = version or version_now
            for r in done:
                results[r.key] = r
            pending = [(k, c) for k, c in pending if k not in results]
            if pending and not done:
                # the child did not finish even the first pending snippet: _run_batch marked it
                raise AssertionError("unreachable")  # pragma: no cover
    return results, version


def _run_batch(snippets, timeout, startup_timeout, python, workdir):
    """Run until done or stuck. Always returns at least one result (the stuck one)."""
    request = json.dumps({"timeout": timeout,
                          "snippets": [{"key": k, "code": c} for k, c in snippets]})
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8",
               PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryFile() as err_file:
        proc = subprocess.Popen([python or sys.executable, "-X", "utf8", str(RUNNER)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err_file,
                                cwd=workdir, env=env, start_new_session=True)
        assert proc.stdin and proc.stdout
        try:
            proc.stdin.write(request.encode("utf-8"))
            proc.stdin.close()
        except BrokenPipeError:
            pass
        done: list[SnippetResult] = []
        version = None
        buffer = b""
        deadline = time.monotonic() + startup_timeout
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        stuck = None
        try:
            while len(done) < len(snippets):
                left = deadline - time.monotonic()
                if left <= 0:
                    stuck = "timed out"
                    break
                if not sel.select(left):
                    continue
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    stuck = "crashed"
                    break
                buffer += chunk
                while b"\n" in buffer:
                    raw, buffer = buffer.split(b"\n", 1)
                    msg = json.loads(raw)
                    if "torch" in msg:
                        version = msg["torch"]
                        if msg.get("error"):  # no torch: every snippet gets the same reason
                            return [SnippetResult(k, "", msg["error"]) for k, _ in snippets], None
                    else:
                        done.append(SnippetResult(msg["key"], msg["stdout"], msg["error"],
                                                  msg.get("seconds", 0.0)))
                    # the next snippet gets its own time (plus a margin for the timer to fire)
                    deadline = time.monotonic() + timeout + min(5.0, max(1.0, timeout))
        finally:
            sel.close()
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, 9)
                except (ProcessLookupError, PermissionError):  # pragma: no cover
                    proc.kill()
            proc.wait()
            proc.stdout.close()
        if stuck is not None and len(done) < len(snippets):
            key = snippets[len(done)][0]
            if stuck == "timed out":
                why = (f"timed out after {timeout:g} s" if version or done
                       else f"the runner did not start within {startup_timeout:g} s")
            elif stuck == "crashed":
                err_file.seek(0)
                tail = err_file.read()[-2000:].decode("utf-8", "replace").strip().splitlines()
                why = f"crashed the Python process (exit status {proc.returncode})"
                if tail:
                    why += f": {tail[-1]}"
            else:
                why = stuck
            done.append(SnippetResult(key, "", why))
    return done, version


# --------------------------------------------------------------------------------------------
# Linting

def lint_paths(paths: list[Path | str] | None = None, *, run_code: bool = True,
               timeout: float = SNIPPET_TIMEOUT) -> LintReport:
    """Lint bank files and folders (default: the questions folder). Never raises for content."""
    if not paths:
        from quizapp.paths import questions_dir

        paths = [questions_dir()]
    report = LintReport()
    errors = report.errors
    files = _collect_files([Path(p) for p in paths], errors)
    named_sources = [Path(p) for p in paths if Path(p).is_file() and Path(p).name == SOURCES_FILE]
    for path in named_sources:
        _lint_sources_file(path, errors)
    report.files = len(files) + len(named_sources)
    linted = {f.resolve() for f in files}

    results: list[BankFile] = []
    for f in files:
        r = load_bank_file(f, display=_display(f))
        results.append(r)
        errors.extend(r.errors)
        _duplicate_keys(r.root, _display(f), errors)

    # siblings: other banks in the same folders, for ids and topics across all banks
    folders = sorted({f.resolve().parent for f in files})
    siblings: list[BankFile] = []
    known_topics: dict[Path, set[str]] = {}
    for folder in folders:
        stems = set()
        for p in bank_files(folder):
            stems.add(p.stem)
            if p.resolve() not in linted:
                siblings.append(load_bank_file(p, display=_display(p)))
        known_topics[folder] = stems | {r.bank.topic for r in results
                                        if r.bank and r.path.resolve().parent == folder}

    sources_cache: dict[Path, SourceIndex | str] = {}

    def sources_for(folder: Path) -> SourceIndex | str:
        if folder not in sources_cache:
            from quizapp.paths import questions_dir

            candidates = [folder / SOURCES_FILE, questions_dir() / SOURCES_FILE]
            path = next((c for c in candidates if c.is_file()), None)
            if path is None:
                sources_cache[folder] = "no sources.yaml found (looked in the bank's folder " \
                                        "and the questions folder)"
            else:
                sources_cache[folder] = _lint_sources_file(path, errors)
        return sources_cache[folder]

    # ids across all banks (raw data: questions that failed the schema count too)
    where: dict[str, list[tuple[str, int]]] = {}
    for r in results + siblings:
        for _i, raw, line in _raw_questions(r):
            qid = raw.get("id")
            if isinstance(qid, str):
                where.setdefault(qid, []).append((_display(r.path), line))

    snippets: list[tuple[str, str]] = []
    snippet_questions: dict[str, tuple[BankFile, Question, int]] = {}
    for r in results:
        if not isinstance(r.data, dict):
            continue
        file = _display(r.path)
        folder = r.path.resolve().parent
        stem = r.path.stem
        topic = r.data.get("topic")
        if isinstance(topic, str) and topic != stem:
            errors.append(BankError(file, line_of(r.root, ("topic",)),
                                    f"topic: {topic!r} does not match the file name "
                                    f"(expected {stem!r})"))
        sources = sources_for(folder)
        if isinstance(sources, str):
            errors.append(BankError(file, 1, f"cannot check sources: {sources}"))
        topics_known = known_topics.get(folder, set())
        for i, raw, line in _raw_questions(r):
            qid = raw.get("id")
            suffix = f" (id {qid})" if isinstance(qid, str) else ""

            def err(loc: tuple, message: str, i=i, suffix=suffix, file=file, r=r) -> None:
                full = ("questions", i) + loc
                errors.append(BankError(file, line_of(r.root, full),
                                        f"{format_loc(full)}: {message}{suffix}"))

            if isinstance(qid, str):
                others = [w for w in where.get(qid, []) if w != (file, line)]
                if others:
                    also = ", ".join(f"{f}:{n}" for f, n in others)
                    err(("id",), f"duplicate id {qid!r}, also at {also}")
            topics = raw.get("topics")
            if isinstance(topics, list) and topics:
                if isinstance(topic, str) and topics[0] != topic:
                    err(("topics", 0), f"the first topic must be the bank's topic {topic!r}, "
                                       f"not {topics[0]!r}")
                for t, name in enumerate(topics):
                    if isinstance(name, str) and name not in topics_known:
                        err(("topics", t), f"unknown topic {name!r} (known: "
                                           f"{', '.join(sorted(topics_known))})")
            source = raw.get("source")
            if (isinstance(source, str) and "#" in source and not isinstance(sources, str)
                    and source not in sources):
                doc, _, anchor = source.partition("#")
                if doc not in sources.documents:
                    why = f"unknown document {doc!r} (one of: {', '.join(sources.documents)})"
                else:
                    why = (f"{doc!r} has no anchor {anchor!r} in "
                           f"{_display(Path(sources.file))}")
                err(("source",), f"unknown source {source!r}: {why}")
        if r.bank is None:
            continue
        index_of = _question_index(r)
        for q in r.bank.questions:
            if q.type == "output" and q.code:
                key = f"{file}:{q.line}:{q.id}"
                snippets.append((key, q.code))
                snippet_questions[key] = (r, q, index_of.get(q.line, 0))
        report.questions += len(r.bank.questions)

    if run_code and snippets:
        try:
            ran, version = run_snippets(snippets, timeout=timeout)
        except OSError as exc:  # pragma: no cover - cannot start Python at all
            errors.append(BankError(_display(RUNNER), 0, f"cannot run output snippets: {exc}"))
            ran, version = {}, None
        report.torch_version = version
        report.snippets_run = len(ran)
        torch_name = f"torch {version}" if version else "torch"
        for key, res in ran.items():
            r, q, i = snippet_questions[key]
            prefix = ("questions", i)
            if res.error:
                loc = prefix + ("code",)
                errors.append(BankError(q.file, line_of(r.root, loc),
                                        f"{format_loc(loc)}: the code {_lower_first(res.error)} "
                                        f"(id {q.id})"))
                continue
            recorded, printed = normalise_recorded(q.answer), normalise_recorded(res.stdout)
            if recorded != printed:
                loc = prefix + ("answer",)
                errors.append(BankError(
                    q.file, line_of(r.root, loc),
                    f"{format_loc(loc)}: recorded output differs from what {torch_name} prints: "
                    f"{_first_difference(recorded, printed)} (id {q.id})"))

    report.errors = sorted(set(errors), key=lambda e: (e.file, e.line, e.message))
    return report


def _lower_first(text: str) -> str:
    if text.startswith(("timed out", "crashed")):
        return text
    return "raised " + text
