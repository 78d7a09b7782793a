"""Grading a class: which files, which shard, the gradebook, and submissions that are the same.

Pure functions over paths, sources and reports; the command layer runs the pool and prints.

* :func:`collect` turns the paths given (files, or folders standing for the ``*.py`` files in
  them) into entries, each a file to grade or a reason it cannot be.
* :func:`shard` keeps shard ``i`` of ``n`` (1-based), the same split on every machine.
* :func:`same_code_groups` finds submissions whose code is the same up to names, comments,
  docstrings and formatting (a normalised AST).
* :func:`gradebook_rows` / :func:`write_gradebook` make the CSV, one row per submission.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grader.messages import DEFAULT_LANG, msg
from grader.report import ERROR, PASS, Report


@dataclass
class Entry:
    """One row of a batch: a submission file, or a path that holds none (``problem`` says why)."""

    path: Path
    problem: str | None = None
    report: Report | None = None
    same_as: list[str] = field(default_factory=list)


def collect(paths: Iterable[str | Path], lang: str = DEFAULT_LANG) -> tuple[list[Entry], list[str]]:
    """(entries, missing paths). A folder stands for the ``*.py`` files directly in it (one that
    holds none is an entry whose ``problem``, in ``lang``, says so)."""
    entries: list[Entry] = []
    missing: list[str] = []
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.glob("*.py") if p.is_file())
            if not files:
                entries.append(Entry(path, msg("batch.no_files", lang)))
            for file in files:
                if file.resolve() not in seen:
                    seen.add(file.resolve())
                    entries.append(Entry(file))
        elif path.exists():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                entries.append(Entry(path))
        else:
            missing.append(str(given))
    return entries, missing


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/8"`` -> (2, 8); raises ValueError unless 1 <= i <= n."""
    left, sep, right = text.partition("/")
    if not sep:
        raise ValueError(f"--shard {text!r}: write it as i/N, e.g. 1/4")
    i, n = int(left), int(right)
    if n < 1 or not 1 <= i <= n:
        raise ValueError(f"--shard {text!r}: i must be from 1 to N")
    return i, n


def shard(entries: list[Entry], index: int, count: int) -> list[Entry]:
    """Shard ``index`` of ``count`` (1-based): every count-th entry in path order, so the shards
    of every machine together hold each entry exactly once."""
    ordered = sorted(entries, key=lambda e: str(e.path))
    return [e for k, e in enumerate(ordered) if k % count == index - 1]


# ---------------------------------------------------------------- the same code

class _Normaliser(ast.NodeTransformer):
    """Names become their order of first appearance; docstrings go."""

    def __init__(self):
        self.names: dict[str, str] = {}

    def _rename(self, name: str) -> str:
        return self.names.setdefault(name, f"n{len(self.names)}")

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = self._rename(node.id)
        return node

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.arg = self._rename(node.arg)
        node.annotation = None
        return node

    def _body(self, node):
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
                and isinstance(body[0].value.value, str):
            node.body = body[1:] or [ast.Pass()]
        return node

    def visit_FunctionDef(self, node):
        node.name = self._rename(node.name)
        node.returns = None
        self.generic_visit(self._body(node))
        return node

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        node.name = self._rename(node.name)
        self.generic_visit(self._body(node))
        return node

    def visit_Module(self, node):
        self.generic_visit(self._body(node))
        return node


def fingerprint(source: str) -> str | None:
    """A hash of the code up to names, comments, docstrings, annotations and formatting; None for
    code that does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    tree.body = [n for n in tree.body if not _demo_block(n)]
    normal = ast.dump(_Normaliser().visit(tree), annotate_fields=False, include_attributes=False)
    return hashlib.sha256(normal.encode()).hexdigest()


def _demo_block(node: ast.AST) -> bool:
    from grader.forbidden import _demo_block as demo

    return demo(node)


def same_code_groups(sources: dict[str, str], starter: str | None = None) -> list[list[str]]:
    """Groups (two or more) of submissions with the same fingerprint, each group sorted.

    Submissions that are the kata's starter itself (up to names and formatting) are no evidence of
    copying; they are left out."""
    skip = fingerprint(starter) if starter is not None else None
    by_print: dict[str, list[str]] = {}
    for name, source in sources.items():
        key = fingerprint(source)
        if key is not None and key != skip and source.strip():
            by_print.setdefault(key, []).append(name)
    return sorted(sorted(g) for g in by_print.values() if len(g) > 1)


# ---------------------------------------------------------------- the gradebook

def check_columns(entries: Iterable[Entry]) -> list[str]:
    """Every check name of the batch, in the order they first appear."""
    names: list[str] = []
    for entry in entries:
        for test in entry.report.tests if entry.report else []:
            if test.name not in names:
                names.append(test.name)
    return names


def status_of(entry: Entry) -> str:
    return entry.report.status if entry.report else ERROR


def message_of(entry: Entry) -> str:
    if entry.problem:
        return entry.problem
    return (entry.report.message or "") if entry.report else ""


def gradebook_rows(entries: list[Entry]) -> tuple[list[str], list[list]]:
    """(header, rows): path, status, checks passed, checks total, duration, message, same code
    as, then one column per check (pass / fail / error, empty when the check did not exist)."""
    columns = check_columns(entries)
    header = ["path", "status", "checks_passed", "checks_total", "duration_s", "message", "same_code_as",
              *columns]
    rows = []
    for entry in entries:
        tests = {t.name: t.status for t in entry.report.tests} if entry.report else {}
        passed = sum(status == PASS for status in tests.values())
        duration = round(entry.report.duration_s, 3) if entry.report else ""
        rows.append([str(entry.path), status_of(entry), passed, len(tests), duration, message_of(entry),
                     " ".join(entry.same_as), *[tests.get(c, "") for c in columns]])
    return header, rows


def write_gradebook(entries: list[Entry], handle: io.TextIOBase) -> None:
    header, rows = gradebook_rows(entries)
    writer = csv.writer(handle)
    writer.writerow(header)
    writer.writerows(rows)


def summary(entries: list[Entry], slowest: int = 3) -> dict:
    """Counts by status, the slowest grades, and the groups of the same code."""
    counts = {"pass": 0, "fail": 0, "error": 0}
    for entry in entries:
        counts[status_of(entry)] = counts.get(status_of(entry), 0) + 1
    timed = sorted((e for e in entries if e.report), key=lambda e: e.report.duration_s, reverse=True)
    groups = []
    for entry in entries:
        if entry.same_as and not any(str(entry.path) in g for g in groups):
            groups.append(sorted([str(entry.path), *entry.same_as]))
    return {"total": len(entries), **counts,
            "slowest": [(str(e.path), round(e.report.duration_s, 2)) for e in timed[:slowest]],
            "same_code": groups}
