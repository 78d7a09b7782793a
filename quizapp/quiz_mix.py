"""Mixing a quiz: types and topics spread out, the same mix for the same seed.

The scheduler ranks questions (due first, then new ones from the weakest topics, easier first);
taken as ranked, a quiz over two topics whose banks open with output questions is nine output
questions in a row. :func:`mixed_selection` keeps the scheduler's must-haves (what is due) and
fills the rest from a longer ranked list, preferring at each step a question whose type and topic
the quiz has seen least; the rank still decides between equals, loosened by a seeded jitter of a
few places so that two learners (or two days) do not see the same sequence. :func:`spread` then
orders the quiz so that no two neighbours share a type where it can be avoided.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Q = TypeVar("Q")

#: How many places of rank the seeded jitter may move a question (weak topics stay in front).
JITTER_PLACES = 4.0


def question_type(question: Any) -> str:
    return str(getattr(question, "type", ""))


def first_topic(question: Any) -> str:
    topics = getattr(question, "topics", None) or [getattr(question, "topic", "")]
    return str(topics[0])


def mixed_selection(ranked: Sequence[Q], count: int, seed: int, *, keep_first: int = 0,
                    kind: Callable[[Q], str] = question_type,
                    topic: Callable[[Q], str] = first_topic) -> list[Q]:
    """``count`` questions of ``ranked``: the first ``keep_first`` as they are, then a greedy mix
    that balances types first and topics second, ties broken by rank plus a seeded jitter."""
    count = max(0, min(count, len(ranked)))
    keep_first = min(keep_first, count)
    chosen = list(ranked[:keep_first])
    rng = random.Random(seed)
    rest = [(rank + rng.random() * JITTER_PLACES, q) for rank, q in enumerate(ranked[keep_first:])]
    kinds, topics = Counter(map(kind, chosen)), Counter(map(topic, chosen))
    while len(chosen) < count:
        best = min(range(len(rest)),
                   key=lambda i: (kinds[kind(rest[i][1])], topics[topic(rest[i][1])], rest[i][0]))
        _, q = rest.pop(best)
        chosen.append(q)
        kinds[kind(q)] += 1
        topics[topic(q)] += 1
    return chosen


def spread(questions: Sequence[Q], *, fixed: int = 0,
           kind: Callable[[Q], str] = question_type) -> list[Q]:
    """``questions`` reordered so that neighbours differ in type where possible; the first
    ``fixed`` stay in front in their order (what is due is asked first). Among the questions
    whose type differs from the last one, the earliest in the given order goes next."""
    head, pool = list(questions[:fixed]), list(questions[fixed:])
    out = head
    while pool:
        last = kind(out[-1]) if out else None
        pick = next((i for i, q in enumerate(pool) if kind(q) != last), 0)
        out.append(pool.pop(pick))
    return out
