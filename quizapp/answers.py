"""Checking answers: pure functions, no I/O, no torch.

::

    from quizapp.answers import check_answer, suggest_key_points, self_grade_share

    verdict = check_answer(question, 2, lang="ko")       # mcq: index; multi: indices;
    verdict.correct                                      # truefalse: bool; cloze/output: text
    verdict.expected_display                             # "C. ..." shown after answering

    ticks = suggest_key_points(question, "view는 복사하지 않고 ...")   # short: pre-ticked points
    share = self_grade_share(ticks_after_the_user_edits_them)         # 0.0 .. 1.0

- mcq, multi, truefalse: exact (multi as a set of indices).
- cloze: against every accepted string after :func:`normalise_cloze` (Unicode NFC, case, spaces,
  backticks and quotes around code).
- output: against the recorded stdout after :func:`normalise_output` (spacing only: case and
  characters count).
- short: ``correct`` is ``None``; the user ticks the key points they covered, and
  :func:`suggest_key_points` pre-ticks the ones whose keywords (either language) the answer uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Verdict", "check_answer", "normalise_cloze", "normalise_output", "suggest_key_points",
    "self_grade_share", "choice_label", "parse_choice", "parse_truefalse",
]

_TRUE = {"true", "t", "yes", "y", "o", "1", "참", "예", "네", "맞다", "맞음", "ㅇ"}
_FALSE = {"false", "f", "no", "n", "x", "0", "거짓", "아니오", "아니요", "틀리다", "틀림", "ㄴ"}
_BOOL_DISPLAY = {"ko": {True: "참 (true)", False: "거짓 (false)"},
                 "en": {True: "true", False: "false"}}


@dataclass(frozen=True)
class Verdict:
    """The result of :func:`check_answer`.

    - ``correct``: True / False, or None for a ``short`` question (self-graded).
    - ``expected_display``: the right answer as the user should see it, in ``lang``.
    - ``given_display``: the user's answer as shown back.
    - ``matched``: for cloze, the accepted string that matched (None otherwise).
    - ``suggested``: for short, the pre-ticked key points (see :func:`suggest_key_points`).
    """

    correct: bool | None
    expected_display: str
    given_display: str = ""
    matched: str | None = None
    suggested: tuple[bool, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------------------------
# Normalisation

_PUNCT_SPACE = re.compile(r"\s*([^\w\s])\s*")
_SPACES = re.compile(r"\s+")
_WRAPPERS = ("```", "``", "`", '"', "'")


def _squash(text: str) -> str:
    """Whitespace runs to one space, none next to punctuation: ``view(2, 3)`` -> ``view(2,3)``."""
    text = _SPACES.sub(" ", text).strip()
    return _PUNCT_SPACE.sub(r"\1", text)


def normalise_cloze(text: str) -> str:
    """The form in which cloze answers are compared.

    Unicode NFC, a code fence or backticks / quotes around the whole answer dropped (also inside
    as inline code: ```x.view``` ), case folded, spaces collapsed and dropped next to
    punctuation.
    """
    text = unicodedata.normalize("NFC", str(text)).strip()
    if text.startswith("```") and text.endswith("```") and len(text) >= 6:
        body = text[3:-3]
        first, _, rest = body.partition("\n")
        text = rest if rest and re.fullmatch(r"[A-Za-z0-9_+-]*", first.strip()) else body
    changed = True
    while changed and len(text) >= 2:
        changed = False
        for w in _WRAPPERS:
            if len(text) >= 2 * len(w) and text.startswith(w) and text.endswith(w):
                text = text[len(w):-len(w)].strip()
                changed = True
                break
    text = text.replace("`", "")
    return _squash(text.casefold())


def normalise_output(text: str) -> str:
    """The form in which a predicted output is compared with the recorded stdout.

    Unicode NFC, line endings and all runs of spaces/newlines to one space, no space next to
    punctuation (torch pads numbers for alignment: ``tensor([ 1, 10])`` equals
    ``tensor([1, 10])``); case and every other character still count.
    """
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n")
    return _squash(text)


# --------------------------------------------------------------------------------------------
# Parsing what the user typed

def choice_label(index: int) -> str:
    """``0`` -> ``"1"``, ``1`` -> ``"2"``: choices are numbered everywhere (the screens, the
    verdicts, the reports), as the learner picks them with the number keys."""
    return str(index + 1)


def parse_choice(given: Any, n_choices: int | None = None) -> int | None:
    """An index from an int, a 1-based digit string (``"2"`` -> 1) or a letter (``"b"`` -> 1).

    Integers are taken as 0-based indices as they are. None when it is not a choice.
    """
    if isinstance(given, bool):
        return None
    if isinstance(given, int):
        index = given
    elif isinstance(given, str):
        s = given.strip().rstrip(".)").strip()
        if s.isdigit():
            index = int(s) - 1
        elif len(s) == 1 and s.isascii() and s.isalpha():
            index = ord(s.upper()) - ord("A")
        else:
            return None
    else:
        return None
    if index < 0 or (n_choices is not None and index >= n_choices):
        return None
    return index


def parse_truefalse(given: Any) -> bool | None:
    """A bool from a bool, or from ``true/false``, ``t/f``, ``yes/no``, ``o/x``, ``참/거짓`` ..."""
    if isinstance(given, bool):
        return given
    if isinstance(given, str):
        s = unicodedata.normalize("NFC", given).strip().casefold().rstrip(".!")
        if s in _TRUE:
            return True
        if s in _FALSE:
            return False
    return None


# --------------------------------------------------------------------------------------------
# Checking

def _text(t: Any, lang: str) -> str:
    return t.get(lang) if hasattr(t, "get") and not isinstance(t, dict) else (
        t.get(lang, "") if isinstance(t, dict) else str(t))


def _choice_display(question: Any, index: int, lang: str) -> str:
    choices = question.choices or []
    body = _text(choices[index], lang) if 0 <= index < len(choices) else "?"
    return f"{choice_label(index)}. {body}"


def check_answer(question: Any, given: Any, lang: str = "ko") -> Verdict:
    """Check ``given`` against ``question`` (a :class:`quizapp.banks.Question`).

    ``given`` by type: mcq an index (0-based int, or "B" / "2" as typed); multi an iterable of
    indices (order and repeats do not matter); truefalse a bool (or "true"/"참"/"o" ...); cloze
    and output a string; short the user's text (``correct`` is None and ``suggested`` holds the
    pre-ticked key points). An answer that cannot be read counts as wrong.
    """
    qtype = question.type
    answer = question.answer

    if qtype == "mcq":
        index = parse_choice(given, len(question.choices or []))
        return Verdict(index == answer, _choice_display(question, answer, lang),
                       "" if index is None else _choice_display(question, index, lang))

    if qtype == "multi":
        expected = set(answer)
        if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
            picked: set[int] | None = None
            if isinstance(given, str):
                parts = [p for p in re.split(r"[\s,;/]+", given) if p]
                parsed = [parse_choice(p, len(question.choices or [])) for p in parts]
                picked = None if None in parsed else set(parsed)  # type: ignore[arg-type]
        else:
            parsed = [parse_choice(g, len(question.choices or [])) for g in given]
            picked = None if None in parsed else set(parsed)  # type: ignore[arg-type]
        expected_display = "\n".join(_choice_display(question, i, lang) for i in sorted(expected))
        given_display = "" if picked is None else \
            "\n".join(_choice_display(question, i, lang) for i in sorted(picked))
        return Verdict(picked == expected, expected_display, given_display)

    if qtype == "truefalse":
        value = parse_truefalse(given)
        table = _BOOL_DISPLAY.get(lang, _BOOL_DISPLAY["en"])
        return Verdict(value is answer, table[answer],
                       "" if value is None else table[value])

    if qtype == "cloze":
        accepted: Sequence[str] = answer
        given_text = "" if given is None else str(given)
        mine = normalise_cloze(given_text)
        matched = next((a for a in accepted if mine and normalise_cloze(a) == mine), None)
        return Verdict(matched is not None, accepted[0], given_text, matched=matched)

    if qtype == "output":
        given_text = "" if given is None else str(given)
        ok = bool(given_text.strip()) and normalise_output(given_text) == normalise_output(answer)
        return Verdict(ok, answer.strip("\n"), given_text)

    if qtype == "short":
        given_text = "" if given is None else str(given)
        return Verdict(None, _text(answer, lang), given_text,
                       suggested=tuple(suggest_key_points(question, given_text)))

    raise ValueError(f"unknown question type {qtype!r}")


# --------------------------------------------------------------------------------------------
# Short answers: self-grading

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("`", "")
    return _SPACES.sub(" ", text).strip()


def _word_pattern(word: str) -> str:
    """A regex for one English keyword word: -ise/-ize spellings alike, and a final y or e
    may change for a suffix (copy -> copies, initialise -> initialising)."""
    pattern = re.escape(word)
    pattern = re.sub(r"i[sz](?=e$|ed$|es$|ing$|ation$)", "i[sz]", pattern)
    if re.search(r"[a-z]y$", word):
        pattern = pattern[:-1] + "(?:y|ie)"
    elif re.search(r"[a-z]e$", word):
        pattern = pattern[:-1] + "e?"
    return pattern


def keyword_in(keyword: str, text: str) -> bool:
    """Whether ``keyword`` occurs in ``text`` (both folded: NFC, case, spaces).

    A keyword with Hangul matches as a substring (Korean attaches particles: 기울기 in
    기울기가); otherwise it must start at a word boundary and may take a suffix (gradient in
    gradients), and spaces, ``-`` and ``_`` between its words are interchangeable.
    """
    kw, body = _fold(keyword), _fold(text)
    if kw.endswith("()"):
        kw = kw[:-2].rstrip()  # zero_grad() also matches zero_grad
    if not kw:
        return False
    if _HANGUL.search(kw):
        return kw.replace(" ", "") in body.replace(" ", "") if " " in kw else kw in body
    parts = [_word_pattern(p) for p in re.split(r"[\s_-]+", kw) if p]
    pattern = r"[\s_-]*".join(parts)
    prefix = r"(?<![\w])" if re.match(r"\w", kw) else ""
    return re.search(prefix + pattern, body) is not None


def suggest_key_points(question: Any, text: str) -> list[bool]:
    """One bool per key point of ``question``: True when ``text`` uses any of its keywords
    (keywords may be Korean or English, whichever language the answer is in)."""
    if not text or not text.strip():
        return [False] * len(question.key_points)
    return [any(keyword_in(k, text) for k in kp.keywords) for kp in question.key_points]


def self_grade_share(ticks: Sequence[bool]) -> float:
    """The share of key points ticked (0.0 .. 1.0; 0.0 when there are none)."""
    ticks = list(ticks)
    return sum(1 for t in ticks if t) / len(ticks) if ticks else 0.0
