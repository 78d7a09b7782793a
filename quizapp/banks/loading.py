"""Loading bank files: one file into a :class:`BankFile`, a folder into a :class:`BankSet`.

:func:`load_bank_file` reads, parses (through the cache of parsed banks when asked) and
validates one file question by question, so that one bad question leaves the file's others
loaded; :func:`load_banks` merges every bank of a folder into a :class:`BankSet`, reporting
duplicated ids and indexing questions by id and by their old ids (``aliases``). Bad content
never raises: it ends in ``errors``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from quizapp.banks.cache import _cache_read, _cache_write, bank_cache_dir
from quizapp.banks.messages import BankError, _errors_from, _unknown_field_hint
from quizapp.banks.schema import LOADER_FIELDS, SOURCES_FILE, Bank, Question, Text, _BankHeader
from quizapp.banks.yaml_lines import _child, _parse, format_loc, line_of


@dataclass
class BankSet:
    """All banks of a folder, as :func:`load_banks` returns them.

    - ``questions``: every valid question, in file order (files sorted by name).
    - ``by_id``: question id -> question (the first one when an id is duplicated).
    - ``topics``: topic id -> title (:class:`Text`), one per loaded bank.
    - ``aliases``: a retired question id -> the id of the question that took it over.
    - ``errors``: :class:`BankError` list (bad files, bad questions, duplicate ids); questions
      with errors are left out, the rest load.
    - ``banks``: the :class:`Bank` objects.
    """

    questions: list[Question] = field(default_factory=list)
    by_id: dict[str, Question] = field(default_factory=dict)
    topics: dict[str, Text] = field(default_factory=dict)
    errors: list[BankError] = field(default_factory=list)
    banks: list[Bank] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)

    def for_topic(self, topic: str) -> list[Question]:
        """Questions whose ``topics`` include ``topic``."""
        return [q for q in self.questions if topic in q.topics]

    def add(self, result: BankFile) -> None:
        """Merge one file's result (keeps the first of duplicated ids, reports the others)."""
        self.errors.extend(result.errors)
        bank = result.bank
        if bank is None:
            return
        kept = []
        for q in bank.questions:
            first = self.by_id.get(q.id)
            if first is not None:
                self.errors.append(BankError(q.file, q.line, f"duplicate id {q.id!r} "
                                             f"(first at {first.file}:{first.line})"))
                continue
            self.by_id[q.id] = q
            kept.append(q)
            for old in q.aliases:
                self.aliases.setdefault(old, q.id)
        if len(kept) != len(bank.questions):
            bank = bank.model_copy(update={"questions": kept})
        self.banks.append(bank)
        self.questions.extend(kept)
        self.topics.setdefault(bank.topic, bank.title)


@dataclass
class BankFile:
    """The result of loading one file: the bank (``None`` when the file itself is unusable),
    the errors, and the YAML node tree (``root``) for tools that look up more lines."""

    path: Path
    bank: Bank | None
    errors: list[BankError]
    root: yaml.Node | None = None
    data: Any = None


def bank_files(directory: Path) -> list[Path]:
    """The bank files of a folder: ``*.yaml`` except ``sources.yaml`` and names starting '_'."""
    return sorted(p for p in Path(directory).glob("*.yaml")
                  if p.name != SOURCES_FILE and not p.name.startswith(("_", ".")))


def load_bank_file(path: Path | str, *, display: str | None = None,
                   cache: bool = False) -> BankFile:
    """Load one bank file. Never raises for bad content: problems land in ``.errors``.

    ``display`` is the file name used in errors and ``Question.file`` (default: ``str(path)``).
    A question with errors is left out; the file's other questions load. A file that is not
    YAML, or whose ``topic``/``title``/``questions`` are wrong, gives ``bank=None``.

    With ``cache=True`` the parsed YAML of an error-free file is kept in the bank cache (see
    :func:`bank_cache_dir`), keyed by the file's sha256, so that the next load skips the YAML
    parser (the slow part); the result is the same, except that ``root`` is None on a hit.
    """
    path = Path(path)
    name = display if display is not None else str(path)
    try:
        blob = path.read_bytes()
    except OSError as exc:
        return BankFile(path, None, [BankError(name, 1, f"cannot read the file: {exc}")])
    cache_dir = bank_cache_dir() if cache else None
    if cache_dir is not None:
        hit = _cache_read(cache_dir, path, blob)
        if hit is not None:
            result = _build(path, name, hit[0], None, hit[1])
            if result is not None:
                return result
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        return BankFile(path, None, [BankError(name, 1, f"cannot read the file: {exc}")])
    try:
        root, data = _parse(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "malformed YAML"
        if exc.context:
            at = exc.context_mark
            where = f" at line {at.line + 1}" if at is not None and at.line + 1 != line else ""
            what = f"{what} ({exc.context}{where})"
        return BankFile(path, None, [BankError(name, line, f"YAML syntax error: {what}")])
    except yaml.YAMLError as exc:
        return BankFile(path, None, [BankError(name, 1, f"YAML error: {exc}")])
    _, qseq = _child(root, "questions")
    qlines = ([n.start_mark.line + 1 for n in qseq.value]
              if isinstance(qseq, yaml.SequenceNode) else [])
    result = _build(path, name, data, root, qlines)
    assert result is not None
    if cache_dir is not None and result.bank is not None and not result.errors:
        _cache_write(cache_dir, path, blob, data, qlines)
    return result


def _build(path: Path, name: str, data: Any, root: yaml.Node | None,
           qlines: list[int]) -> BankFile | None:
    """Validate parsed data. Returns None when there are errors but no node tree to place them
    (a cache hit), so that the caller parses the file again."""
    if not isinstance(data, dict):
        if root is None and data is not None:
            return None
        got = "empty" if data is None else f"a {type(data).__name__}"
        return BankFile(path, None, [BankError(
            name, line_of(root, ()), f"a bank is a mapping with topic, title and questions "
            f"(the file is {got})")], root, data)
    try:
        header = _BankHeader.model_validate(data)
    except ValidationError as exc:
        if root is None:
            return None
        return BankFile(path, None, _errors_from(exc, (), root, name), root, data)

    errors: list[BankError] = []
    questions: list[Question] = []
    for i, raw in enumerate(header.questions):
        qline = qlines[i] if i < len(qlines) else 1
        prefix = ("questions", i)
        if isinstance(raw, dict):
            reserved = [k for k in LOADER_FIELDS if k in raw]
            if reserved:
                qid = raw.get("id")
                suffix = f" (id {qid})" if isinstance(qid, str) else ""
                for k in reserved:
                    loc = prefix + (k,)
                    errors.append(BankError(name, line_of(root, loc), f"{format_loc(loc)}: "
                                            f"{_unknown_field_hint(k, loc)}{suffix}"))
                continue
            raw = {**raw, "topic": header.topic, "file": name, "line": qline}
        try:
            questions.append(Question.model_validate(raw))
        except ValidationError as exc:
            qid = raw.get("id") if isinstance(raw, dict) else None
            found = _errors_from(exc, prefix, root, name)
            if isinstance(qid, str):
                found = [BankError(e.file, e.line, f"{e.message} (id {qid})") for e in found]
            errors.extend(found)
    if errors and root is None:
        return None
    bank = Bank.model_construct(topic=header.topic, title=header.title, file=name,
                                questions=questions)
    errors.sort(key=lambda e: e.line)
    return BankFile(path, bank, errors, root, data)


def load_banks(directory: Path | str | None = None, *, cache: bool = True) -> BankSet:
    """Load every bank of ``directory`` (default :func:`quizapp.paths.questions_dir`).

    Returns a :class:`BankSet` with the valid questions and the list of errors; never raises
    for bad content (a missing folder is an error in the list, too). ``cache=False`` parses
    every file instead of using the cache of parsed banks (see :func:`load_bank_file`).
    """
    if directory is None:
        from quizapp.paths import questions_dir

        directory = questions_dir()
    directory = Path(directory)
    result = BankSet()
    if not directory.is_dir():
        result.errors.append(BankError(str(directory), 0, "no such folder of question banks"))
        return result
    for path in bank_files(directory):
        result.add(load_bank_file(path, cache=cache))
    return result
