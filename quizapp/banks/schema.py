"""The schema of a question bank: pydantic models for one file and each of its questions.

:class:`Text` (both languages), :class:`Choice`, :class:`KeyPoint`, :class:`Question` (its
per-type rules: choices, answer, key points, code) and :class:`Bank`, with the constants they
share with the loader and the sources index (question types, id and source patterns, default
minutes). It validates plain data; turning its errors into ``file:line`` messages is
:mod:`quizapp.banks.messages`.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

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
#: the only list of source names (see :func:`quizapp.banks.sources.load_sources`).
SOURCES_FILE = "sources.yaml"
ID_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
#: A source document's short name, and an anchor of one of its sections.
DOCUMENT_PATTERN = r"[a-z0-9][a-z0-9-]*"
ANCHOR_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
SOURCE_PATTERN = rf"^{DOCUMENT_PATTERN}#{ANCHOR_PATTERN}$"
#: Question attributes that the loader sets; a bank may not set them.
LOADER_FIELDS = ("topic", "file", "line", "content_hash")

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
