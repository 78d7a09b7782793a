"""Question banks: the schema of ``questions/*.yaml`` and the loader.

One YAML file per topic::

    topic: autograd
    title: {ko: 자동 미분, en: Autograd}
    questions:
      - id: autograd-backward-gradient-arg
        type: mcq                 # mcq | multi | truefalse | short | cloze | output
        difficulty: 2             # 1 easy .. 3 hard
        topics: [autograd]        # the bank's topic first; more allowed
        source: peer-sessions#day1-backward-gradient
        prompt: {ko: ..., en: ...}
        choices: [{ko: ..., en: ...}, ...]
        answer: 1
        explanation: {ko: ..., en: ...}

The schema is a set of pydantic models (:class:`Text`, :class:`Choice`, :class:`KeyPoint`,
:class:`Question`, :class:`Bank`). The loader parses with PyYAML (the libyaml ``CSafeLoader`` when
it is available), keeps the YAML node tree while validating so that every error names the file,
the line and the field (``questions/autograd.yaml:42: questions[3].choices[1].en: missing en
translation``), and never lets one bad file or one bad question stop the rest from loading::

    from quizapp.banks import load_banks

    banks = load_banks()              # questions/ (or $QUIZAPP_QUESTIONS)
    for error in banks.errors:        # BankError: file, line, message; str() is "file:line: message"
        print(error)
    q = banks.by_id["autograd-backward-gradient-arg"]
    print(q.prompt.get("ko"), q.minutes, q.content_hash)

This module imports neither torch nor textual: the TUI calls it at start-up.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "QUESTION_TYPES", "AUTO_TYPES", "DEFAULT_MINUTES",
    "Text", "Choice", "KeyPoint", "Question", "Bank", "BankError", "BankSet", "SourceIndex",
    "BankFile", "load_banks", "load_bank_file", "load_sources", "bank_files", "bank_cache_dir",
    "SourcesFile", "SourcesError", "read_sources",
]

# --------------------------------------------------------------------------------------------
# Constants

QuestionType = Literal["mcq", "multi", "truefalse", "short", "cloze", "output"]
QUESTION_TYPES: tuple[str, ...] = ("mcq", "multi", "truefalse", "short", "cloze", "output")
#: Types whose answers are checked automatically (``short`` is self-graded).
AUTO_TYPES: frozenset[str] = frozenset({"mcq", "multi", "truefalse", "cloze", "output"})
#: Estimated minutes per question when ``minutes`` is not given (used by mock interviews).
DEFAULT_MINUTES: dict[str, float] = {
    "truefalse": 0.5, "mcq": 1.0, "cloze": 1.0, "output": 1.5, "multi": 1.5, "short": 3.0,
}
#: The index of the source documents and their sections (document -> anchor -> description):
#: the only list of source names (see :func:`load_sources`).
SOURCES_FILE = "sources.yaml"
ID_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
#: A source document's short name, and an anchor of one of its sections.
DOCUMENT_PATTERN = r"[a-z0-9][a-z0-9-]*"
ANCHOR_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
SOURCE_PATTERN = rf"^{DOCUMENT_PATTERN}#{ANCHOR_PATTERN}$"
#: Question attributes that the loader sets; a bank may not set them.
LOADER_FIELDS = ("topic", "file", "line", "content_hash")

try:  # libyaml's parser is several times faster than the pure-Python one
    _YamlLoader: type = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _YamlLoader = yaml.SafeLoader


# --------------------------------------------------------------------------------------------
# Schema

def _non_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "text is empty")
    return value


NonBlank = Annotated[str, AfterValidator(_non_blank)]
Slug = Annotated[str, Field(pattern=ID_PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Text(_Model):
    """A user-visible text in both languages. ``text.get("ko")`` / ``text.get("en")``."""

    ko: NonBlank
    en: NonBlank

    def get(self, lang: str | None = "ko") -> str:
        """The text in ``lang`` (``"ko"`` or ``"en"``; anything else gives English)."""
        return self.ko if lang == "ko" else self.en


class Choice(Text):
    """One choice of an ``mcq`` or ``multi`` question."""


class KeyPoint(Text):
    """What a good ``short`` answer covers, with keywords (either language) to pre-tick it."""

    keywords: list[NonBlank] = Field(default_factory=list)


def _custom(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, ctx or None)


class Question(_Model):
    """One question of a bank.

    Fields from the YAML file:

    - ``id``: stable, unique across all banks (the progress store keys cards by it).
    - ``type``: ``mcq`` | ``multi`` | ``truefalse`` | ``short`` | ``cloze`` | ``output``.
    - ``difficulty``: 1 (easy) .. 3 (hard).
    - ``topics``: topic ids, the bank's topic first.
    - ``source``: ``<document>#<anchor>`` with an anchor from ``questions/sources.yaml``.
    - ``minutes``: estimated minutes to answer; defaults by type (:data:`DEFAULT_MINUTES`).
    - ``prompt``: :class:`Text`.
    - ``choices``: list of :class:`Choice` (``mcq`` and ``multi`` only, else ``None``).
    - ``answer``: ``mcq`` an index into ``choices`` (0-based); ``multi`` a sorted list of indices;
      ``truefalse`` a bool; ``cloze`` a list of accepted strings; ``output`` the exact stdout of
      ``code``; ``short`` a :class:`Text` model answer.
    - ``key_points``: list of :class:`KeyPoint` (``short`` only; empty otherwise).
    - ``code``: a snippet shown with the prompt (required for ``output``), or ``None``.
    - ``explanation``: :class:`Text`.
    - ``aliases``: ids this question used to have (a merged or renamed question keeps the
      progress recorded under its old ids).

    Set by the loader: ``topic`` (the bank's topic), ``file`` (path of the bank), ``line`` (line of
    the question in that file) and ``content_hash`` (sha256 of the user-visible content, so that
    the store can tell an edited question from the one a card was reviewed with).
    """

    id: Slug
    type: QuestionType
    difficulty: Annotated[int, Field(ge=1, le=3, strict=True)]
    topics: Annotated[list[Slug], Field(min_length=1)]
    source: Annotated[str, Field(pattern=SOURCE_PATTERN)]
    minutes: Annotated[float | None, Field(gt=0, le=60)] = None
    prompt: Text
    choices: list[Choice] | None = Field(default=None, validate_default=True)
    answer: Any
    key_points: list[KeyPoint] = Field(default_factory=list, validate_default=True)
    code: str | None = Field(default=None, validate_default=True)
    explanation: Text
    aliases: list[Slug] = Field(default_factory=list)
    # set by the loader, not by the file
    topic: str = ""
    file: str = ""
    line: int = 0

    # -- per-type rules (field validators run in field order, so ``type`` is already known) --

    @field_validator("choices")
    @classmethod
    def _choices_fit_type(cls, value: list[Choice] | None, info: ValidationInfo):
        qtype = info.data.get("type")
        if qtype in ("mcq", "multi"):
            if not value or len(value) < 2:
                raise _custom("choices_missing", "{type} questions need at least 2 choices",
                              type=qtype)
            for lang in ("ko", "en"):
                texts = [getattr(c, lang).strip() for c in value]
                if len(set(texts)) != len(texts):
                    raise _custom("choices_duplicate", "two choices have the same {lang} text",
                                  lang=lang)
        elif qtype is not None and value is not None:
            raise _custom("choices_unexpected", "only mcq and multi questions have choices "
                          "(this one is {type})", type=qtype)
        return value

    @field_validator("answer")
    @classmethod
    def _answer_fits_type(cls, value: Any, info: ValidationInfo):
        qtype = info.data.get("type")
        if qtype is None:
            return value
        choices = info.data.get("choices")
        n = len(choices) if choices else None
        if qtype == "mcq":
            if type(value) is not int:
                raise _custom("answer_type", "mcq answer must be the index of the right choice "
                              "(an integer from 0), not {got}", got=repr(value))
            if n is not None and not 0 <= value < n:
                raise _custom("answer_range", "answer {value} is out of range: there are {n} "
                              "choices (0..{last})", value=value, n=n, last=n - 1)
            return value
        if qtype == "multi":
            if not isinstance(value, list) or not all(type(v) is int for v in value):
                raise _custom("answer_type", "multi answer must be a list of choice indices "
                              "(integers from 0), not {got}", got=repr(value))
            if not value:
                raise _custom("answer_empty", "multi answer lists no choice")
            if len(set(value)) != len(value):
                raise _custom("answer_duplicate", "multi answer lists a choice twice: {got}",
                              got=repr(value))
            if n is not None:
                bad = [v for v in value if not 0 <= v < n]
                if bad:
                    raise _custom("answer_range", "answer {bad} out of range: there are {n} "
                                  "choices (0..{last})", bad=repr(bad), n=n, last=n - 1)
            return sorted(value)
        if qtype == "truefalse":
            if type(value) is not bool:
                raise _custom("answer_type", "truefalse answer must be true or false, not {got}",
                              got=repr(value))
            return value
        if qtype == "cloze":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not value:
                raise _custom("answer_type", "cloze answer must be a non-empty list of accepted "
                              "strings, not {got}", got=repr(value))
            for item in value:
                if not isinstance(item, str):
                    raise _custom("answer_type", "cloze accepted answers must be strings: quote "
                                  "{got} in the YAML", got=repr(item))
                if not item.strip():
                    raise _custom("answer_empty", "cloze accepted answer is empty")
            return value
        if qtype == "output":
            if not isinstance(value, str):
                raise _custom("answer_type", "output answer must be the printed text as a string "
                              "(quote it, or use a block scalar |), not {got}", got=repr(value))
            if not value.strip():
                raise _custom("answer_empty", "output answer is empty")
            return value
        if qtype == "short":
            if isinstance(value, Text):
                return value
            if not isinstance(value, dict):
                raise _custom("answer_type", "short answer must be a model answer with ko and en, "
                              "not {got}", got=repr(value))
            return Text.model_validate(value)  # errors carry their own locations (answer.ko)
        return value  # pragma: no cover - the Literal rejects other types

    @field_validator("key_points")
    @classmethod
    def _key_points_fit_type(cls, value: list[KeyPoint], info: ValidationInfo):
        qtype = info.data.get("type")
        if qtype == "short":
            if not value:
                raise _custom("key_points_missing", "short questions need key_points "
                              "(what a good answer covers)")
            for i, kp in enumerate(value):
                if not kp.keywords:
                    raise _custom("keywords_missing", "key point {i} has no keywords "
                                  "(used to pre-tick it)", i=i)
        elif qtype is not None and value:
            raise _custom("key_points_unexpected", "only short questions have key_points "
                          "(this one is {type})", type=qtype)
        return value

    @field_validator("code")
    @classmethod
    def _code_fits_type(cls, value: str | None, info: ValidationInfo):
        if info.data.get("type") == "output" and (value is None or not value.strip()):
            raise _custom("code_missing", "output questions need code (whose stdout is the answer)")
        return value

    @model_validator(mode="after")
    def _default_minutes(self):
        if self.minutes is None:
            self.minutes = DEFAULT_MINUTES[self.type]
        return self

    # -- derived ------------------------------------------------------------------------------

    @cached_property
    def content_hash(self) -> str:
        """sha256 (hex) of the canonical JSON of the user-visible content.

        Covers type, prompt, choices, answer, key points (with keywords), code and explanation;
        not id, difficulty, topics, source or minutes (editing those keeps a card's history as it
        is).
        """
        def text(t: Text | None):
            return None if t is None else [t.ko, t.en]

        answer = text(self.answer) if isinstance(self.answer, Text) else self.answer
        content = {
            "type": self.type,
            "prompt": text(self.prompt),
            "choices": None if self.choices is None else [text(c) for c in self.choices],
            "answer": answer,
            "key_points": [[kp.ko, kp.en, list(kp.keywords)] for kp in self.key_points],
            "code": self.code,
            "explanation": text(self.explanation),
        }
        blob = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    @property
    def auto_checked(self) -> bool:
        """True when the answer is checked automatically (every type except ``short``)."""
        return self.type in AUTO_TYPES

    def __repr__(self) -> str:  # the full pydantic repr is a page long
        return f"Question(id={self.id!r}, type={self.type!r}, file={self.file!r}, line={self.line})"


class _BankHeader(_Model):
    topic: Slug
    title: Text
    questions: Annotated[list[Any], Field(min_length=1)]


class Bank(_Model):
    """One bank file: its ``topic`` id, bilingual ``title``, ``file`` and valid ``questions``."""

    topic: str
    title: Text
    file: str
    questions: list[Question]


# --------------------------------------------------------------------------------------------
# Errors and results

@dataclass(frozen=True, order=True)
class BankError:
    """A problem in a bank: ``str(error)`` is ``"file:line: message"``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


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

    def add(self, result: "BankFile") -> None:
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


# --------------------------------------------------------------------------------------------
# YAML with lines

def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """Compose the node tree (kept for line numbers) and construct the data from it."""
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _child(node: yaml.Node | None, key: Any) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) of ``key`` in a mapping node, or (None, item) in a sequence node."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
        if 0 <= key < len(node.value):
            return None, node.value[key]
    return None, None


def line_of(root: yaml.Node | None, loc: tuple | list) -> int:
    """1-based line of the deepest node along ``loc`` (a path of keys and indices).

    Segments that are not in the tree (a missing field, pydantic's union tags) are skipped; a
    field's line is that of its key (``answer:``), an item's that of the item.
    """
    if root is None:
        return 1
    node, line = root, root.start_mark.line + 1
    for seg in loc:
        key_node, value = _child(node, seg)
        if value is None:
            continue
        node = value
        line = (key_node or value).start_mark.line + 1
    return line


def format_loc(loc: tuple | list) -> str:
    """``("questions", 3, "choices", 1, "en")`` -> ``"questions[3].choices[1].en"``."""
    out = ""
    for seg in loc:
        if isinstance(seg, int):
            out += f"[{seg}]"
        else:
            out += ("." if out else "") + str(seg)
    return out


_FIELD_NAMES = {
    "question": list(Question.model_fields)[: list(Question.model_fields).index("topic")],
    "bank": list(_BankHeader.model_fields),
    "text": ["ko", "en"],
    "key_point": ["ko", "en", "keywords"],
}


def _unknown_field_hint(name: str, loc: tuple) -> str:
    if len(loc) <= 1:
        candidates = _FIELD_NAMES["bank"]
    elif len(loc) == 3 and loc[0] == "questions":
        candidates = _FIELD_NAMES["question"]
        if name in LOADER_FIELDS:
            hint = " (did you mean 'topics'?)" if name == "topic" else ""
            return f"{name!r} is set by the loader, not by the file{hint}"
    elif len(loc) >= 2 and loc[-3:-1] and "key_points" in loc:
        candidates = _FIELD_NAMES["key_point"]
    else:
        candidates = _FIELD_NAMES["text"]
    close = difflib.get_close_matches(str(name), candidates, n=1)
    return f"unknown field {name!r}" + (f" (did you mean {close[0]!r}?)" if close else "")


def _message(err: dict, loc: tuple) -> str:
    """A readable message for one pydantic error."""
    kind, last = err["type"], (loc[-1] if loc else None)
    if kind == "missing":
        if last in ("ko", "en"):
            return f"missing {last} translation"
        return "required field is missing"
    if kind == "extra_forbidden":
        if err.get("input") is None and not re.fullmatch(r"[a-z_]+", str(last)):
            return (f"unknown field {last!r}: a comma cut a text in two inside {{...}}; "
                    "quote the text")
        return _unknown_field_hint(last, loc)
    if kind == "blank_text" and last in ("ko", "en"):
        return f"empty {last} translation"
    if kind in ("model_type", "model_attributes_type", "dict_type") and last not in ("answer",):
        return f"expected a mapping, got {err.get('input')!r}"
    if kind == "string_type":
        got = err.get("input")
        hint = " (quote it in the YAML)" if isinstance(got, (bool, int, float)) else ""
        return f"expected text, got {got!r}{hint}"
    if kind == "string_pattern_mismatch":
        if last == "source":
            return (f"source {err.get('input')!r} is not '<document>#<anchor>' "
                    f"(a document and an anchor listed in {SOURCES_FILE})")
        return f"{err.get('input')!r} is not a lowercase id (letters, digits, '-')"
    if kind in ("less_than_equal", "greater_than_equal", "int_type") and last == "difficulty":
        return f"difficulty must be 1, 2 or 3, not {err.get('input')!r}"
    if kind == "too_short" and last == "questions":
        return "a bank needs at least one question"
    if kind == "too_short" and last == "topics":
        return "topics lists no topic (the bank's topic comes first)"
    if kind == "literal_error" and last == "type":
        return f"unknown type {err.get('input')!r} (one of: {', '.join(QUESTION_TYPES)})"
    return err["msg"]


def _errors_from(exc: ValidationError, prefix: tuple, root, file: str) -> list[BankError]:
    out = []
    seen = set()
    for err in exc.errors(include_url=False):
        loc = prefix + tuple(err["loc"])
        # drop pydantic's tags such as 'function-after[...]' or 'list[...]'
        loc = tuple(s for s in loc if not (isinstance(s, str) and "[" in s))
        msg = f"{format_loc(loc)}: {_message(err, loc)}"
        key = (line_of(root, loc), msg)
        if key not in seen:
            seen.add(key)
            out.append(BankError(file, key[0], msg))
    return out


# --------------------------------------------------------------------------------------------
# Loading

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


# --------------------------------------------------------------------------------------------
# Cache of parsed banks (JSON, so reading it cannot run code)

_CODE_VERSION: str | None = None


def bank_cache_dir() -> Path | None:
    """Where parsed banks are cached: ``$QUIZAPP_CACHE`` (``off`` disables the cache), else
    ``$QUIZAPP_DATA/cache/banks`` when that is set, else ``banks`` in the platform's user cache
    folder for quizapp."""
    env = os.environ.get("QUIZAPP_CACHE")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else Path(env)
    data = os.environ.get("QUIZAPP_DATA")
    if data:
        return Path(data) / "cache" / "banks"
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover
        return None
    return Path(user_cache_dir("quizapp", appauthor=False)) / "banks"


def _code_version() -> str:
    """Changes whenever this module, pydantic or PyYAML changes: old cache entries then miss."""
    global _CODE_VERSION
    if _CODE_VERSION is None:
        import pydantic

        h = hashlib.sha256(Path(__file__).read_bytes())
        h.update(f"{pydantic.VERSION}|{yaml.__version__}".encode())
        _CODE_VERSION = h.hexdigest()[:16]
    return _CODE_VERSION


def _cache_path(cache_dir: Path, path: Path) -> Path:
    key = hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:20]
    return cache_dir / f"{key}.json"


def _cache_read(cache_dir: Path, path: Path, blob: bytes) -> tuple[Any, list[int]] | None:
    try:
        entry = json.loads(_cache_path(cache_dir, path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(entry, dict) or entry.get("version") != _code_version()
            or entry.get("sha256") != hashlib.sha256(blob).hexdigest()):
        return None
    return entry.get("data"), entry.get("lines") or []


def _cache_write(cache_dir: Path, path: Path, blob: bytes, data: Any, lines: list[int]) -> None:
    try:
        text = json.dumps({"version": _code_version(), "sha256": hashlib.sha256(blob).hexdigest(),
                           "lines": lines, "data": data}, ensure_ascii=False)
        if json.loads(text)["data"] != data:  # e.g. integer keys or dates: do not cache
            return
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = _cache_path(cache_dir, path)
        tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except (OSError, TypeError, ValueError):
        pass  # a cache that cannot be written is only slower


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


# --------------------------------------------------------------------------------------------
# Sources index

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
