"""Problems in a bank as ``file:line: message``: :class:`BankError`, and pydantic's validation
errors rewritten for an author.

A pydantic error has a location (a path of fields and indices) and a terse message; this module
places it on the line of the YAML node it concerns (:func:`quizapp.banks.yaml_lines.line_of`)
and says what to fix in the author's terms ("missing en translation", "did you mean
'topics'?", "quote it in the YAML").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from pydantic import ValidationError

from quizapp.banks.schema import LOADER_FIELDS, QUESTION_TYPES, SOURCES_FILE, Question, _BankHeader
from quizapp.banks.yaml_lines import format_loc, line_of


@dataclass(frozen=True, order=True)
class BankError:
    """A problem in a bank: ``str(error)`` is ``"file:line: message"``."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


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
