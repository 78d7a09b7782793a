"""The sources index, ``questions/sources.yaml``: which ``document#anchor`` a question may cite.

:class:`SourceIndex` maps each source document's short name to its anchors and their bilingual
descriptions. :func:`read_sources` reads the file without raising (every problem a
:class:`~quizapp.banks.messages.BankError` at its line, the bank linter's form);
:func:`load_sources` raises :class:`SourcesError` instead, for callers that need a valid index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BeforeValidator, TypeAdapter, ValidationError

from quizapp.banks.messages import BankError, _message
from quizapp.banks.schema import ANCHOR_PATTERN, DOCUMENT_PATTERN, SOURCES_FILE, Text, _custom
from quizapp.banks.yaml_lines import _parse, line_of


def _both_languages(value: Any) -> Any:
    """A plain string is an author's quick entry: the same text serves both languages."""
    if value is None:
        raise _custom("description_missing", "missing description (text, or {ko: ..., en: ...})")
    if isinstance(value, str):
        if not value.strip():
            raise _custom("description_blank", "empty description")
        return {"ko": value, "en": value}
    if isinstance(value, (dict, Text)):
        return value
    raise _custom("description_type", "a description is text or {ko: ..., en: ...}, not {got}",
                  got=repr(value))


#: One anchor's description: ``{ko: ..., en: ...}`` or a plain string for both.
SourceDescription = Annotated[Text, BeforeValidator(_both_languages)]
_DESCRIPTION = TypeAdapter(SourceDescription)


@dataclass
class SourceIndex:
    """``questions/sources.yaml``: document short name -> {anchor: description}.

    Each description is a :class:`Text` (``ko`` and ``en``); a plain string given to the
    constructor stands for both languages. ``"peer-sessions#day4-xavier" in index`` tells
    whether a question's ``source`` is valid; ``index.describe(ref, "ko")`` gives the
    description a Korean screen shows.
    """

    documents: dict[str, dict[str, Text]] = field(default_factory=dict)
    file: str = ""

    def __post_init__(self) -> None:
        self.documents = {doc: {anchor: _DESCRIPTION.validate_python(text)
                                for anchor, text in anchors.items()}
                          for doc, anchors in self.documents.items()}

    def __contains__(self, ref: object) -> bool:
        if not isinstance(ref, str) or "#" not in ref:
            return False
        doc, _, anchor = ref.partition("#")
        return anchor in self.documents.get(doc, {})

    def refs(self) -> list[str]:
        """Every ``document#anchor``, in file order."""
        return [f"{doc}#{a}" for doc, anchors in self.documents.items() for a in anchors]

    def description(self, ref: str) -> Text | None:
        """Both languages of the description of ``document#anchor`` (None when unknown)."""
        doc, _, anchor = ref.partition("#")
        return self.documents.get(doc, {}).get(anchor)

    def describe(self, ref: str, lang: str = "en") -> str | None:
        """The description of ``document#anchor`` in ``lang`` (``"ko"`` or ``"en"``; None when
        the anchor is unknown)."""
        if lang not in ("ko", "en"):
            raise ValueError(f"unknown language {lang!r} (ko or en)")
        text = self.description(ref)
        return text.get(lang) if text is not None else None


@dataclass
class SourcesFile:
    """The result of reading a sources index: the ``index`` of the valid entries, the
    ``errors`` (``file:line: message``) and the YAML node tree (``root``, None when the file
    could not be parsed)."""

    path: Path
    index: SourceIndex
    errors: list[BankError]
    root: yaml.Node | None = None


class SourcesError(ValueError):
    """A sources index with invalid entries; ``errors`` lists them, ``str()`` is one
    ``file:line: message`` per line."""

    def __init__(self, errors: list[BankError]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def _default_sources_path() -> Path:
    from quizapp.paths import questions_dir

    return questions_dir() / SOURCES_FILE


def _description_errors(exc: ValidationError, doc: str, anchor: str, root: yaml.Node | None,
                        file: str) -> list[BankError]:
    """The errors of one anchor's description, at their lines, named ``doc#anchor[.field]``."""
    out = []
    for err in exc.errors(include_url=False):
        loc = (doc, anchor) + tuple(s for s in err["loc"]
                                    if not (isinstance(s, str) and "[" in s))
        field_path = "".join(f".{s}" for s in loc[2:])
        out.append(BankError(file, line_of(root, loc),
                             f"{doc}#{anchor}{field_path}: {_message(err, loc)}"))
    return out


def _validate_sources(data: Any, root: yaml.Node | None, file: str) -> tuple[SourceIndex,
                                                                               list[BankError]]:
    """Check the parsed index entry by entry; bad entries are reported and left out, so that
    one typo loses one description, not the whole index."""
    if not isinstance(data, dict):
        got = "empty" if data is None else f"a {type(data).__name__}"
        return SourceIndex(file=file), [BankError(file, line_of(root, ()), (
            "the sources index maps each document to its anchors "
            f"(document: {{anchor: description}}); the file is {got}"))]
    errors: list[BankError] = []
    documents: dict[str, dict[str, Text]] = {}
    for doc, anchors in data.items():
        line = line_of(root, (str(doc),))
        if not isinstance(doc, str) or not re.fullmatch(DOCUMENT_PATTERN, doc):
            errors.append(BankError(file, line, f"document name {doc!r} cannot be cited: "
                                    "lowercase letters, digits and '-'"))
            continue
        if not isinstance(anchors, dict) or not anchors:
            got = "nothing" if anchors is None else repr(anchors)
            errors.append(BankError(file, line, f"{doc}: expected its anchors as a mapping "
                                    f"(anchor: description), got {got}"))
            continue
        described = documents.setdefault(doc, {})
        for anchor, value in anchors.items():
            loc = (doc, str(anchor))
            if not isinstance(anchor, str) or not re.fullmatch(ANCHOR_PATTERN, anchor):
                errors.append(BankError(file, line_of(root, loc), (
                    f"{doc}: anchor {anchor!r} cannot be cited: letters, digits, '_', '.' "
                    "and '-', starting with a letter or digit")))
                continue
            try:
                described[anchor] = _DESCRIPTION.validate_python(value)
            except ValidationError as exc:
                errors.extend(_description_errors(exc, doc, anchor, root, file))
    return SourceIndex(documents, file), sorted(errors, key=lambda e: e.line)


def read_sources(path: Path | str | None = None, *, display: str | None = None) -> SourcesFile:
    """Read a sources index without raising for its content (the bank linter's form).

    Every problem (an unreadable file, a YAML syntax error, a malformed entry) is a
    :class:`BankError` in ``.errors`` with the file and line; ``.index`` holds the valid
    entries. ``display`` is the file name used in errors (default: ``str(path)``).
    """
    path = Path(path) if path is not None else _default_sources_path()
    name = display if display is not None else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return SourcesFile(path, SourceIndex(file=name),
                           [BankError(name, 1, f"cannot read the file: {exc}")])
    try:
        root, data = _parse(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        return SourcesFile(path, SourceIndex(file=name), [BankError(
            name, line, f"YAML syntax error: {exc.problem or 'malformed YAML'}")])
    except yaml.YAMLError as exc:
        return SourcesFile(path, SourceIndex(file=name),
                           [BankError(name, 1, f"YAML error: {exc}")])
    index, errors = _validate_sources(data, root, name)
    return SourcesFile(path, index, errors, root)


def load_sources(path: Path | str | None = None) -> SourceIndex:
    """Read the sources index (default: ``sources.yaml`` in the questions folder)::

        sources = load_sources()
        sources.describe("boostcamp-day11#peer-batched-diag", "ko")

    Raises ``OSError`` or ``yaml.YAMLError`` for a missing or unparsable file, and
    :class:`SourcesError` (a ``ValueError``, one ``file:line: message`` per problem) for a file
    of the wrong shape or with a malformed entry.
    """
    path = Path(path) if path is not None else _default_sources_path()
    root, data = _parse(path.read_text(encoding="utf-8"))
    index, errors = _validate_sources(data, root, str(path))
    if errors:
        raise SourcesError(errors)
    return index
