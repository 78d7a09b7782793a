"""A kata's metadata against the project's content: text in both languages, hints, topics,
source anchor and related questions.

:func:`metadata_problems` lists what is wrong with a kata's ``kata.yaml`` beyond its schema (a
blank or non-Korean ``ko`` text, too few hints, an unknown topic, a ``source`` not in
``questions/sources.yaml``, a ``related`` id that names nothing); :func:`bank_index` reads the
topic and question ids those checks need from the question banks.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.kata import KataSpec
from quizapp import paths

MIN_HINTS = 2
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")


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
