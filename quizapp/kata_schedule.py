"""Katas on the review schedule, and the questions a failed kata check brings back.

Every kata attempt is a review of the kata's own FSRS card (keyed ``kata:<kata id>``, kept apart
from the question cards): :meth:`quizapp.store.Store.record_kata_attempt` rates it with
:func:`quizapp.kata_rating.kata_rating` and moves the card, so a passed kata comes back due
like a question. This module holds the pure parts around it:

- :func:`due_katas` and :func:`due_agenda`: which katas are due, and the day's due work with
  questions and katas mixed;
- :func:`related_question_ids`: a kata's ``related:`` list (question ids and topic ids) as the
  questions to recall when an attempt fails a check (a topic stands for its weakest few
  questions);
- :func:`attempt_context`: what a caller passes to ``record_kata_attempt`` besides the verdict,
  so every caller (the CLI grade, the workbench, a mock) records the same way::

      context = attempt_context(info.spec, banks.questions, store.cards(), now,
                                hints_used=2, time_taken_s=840)
      store.record_kata_attempt(kata_id, device, status, duration_s, code, report, **context)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quizapp.scheduling import (
    CardRecord, Recall, Scheduler, is_due, is_recalled, question_topics, retrievability,
    scheduler_for, utc,
)

__all__ = [
    "DueItem", "KATA_CARD_PREFIX", "RELATED_PER_TOPIC", "attempt_context", "due_agenda",
    "due_katas", "failed_checks", "kata_card_key", "kata_related", "kata_scheduler",
    "related_question_ids",
]

KATA_CARD_PREFIX = "kata:"
#: A topic in ``related:`` brings back this many of its questions: the ones recalled least.
RELATED_PER_TOPIC = 3


def kata_card_key(kata_id: str) -> str:
    """The key of a kata's card (``kata:<kata id>``), never the id of a question."""
    return KATA_CARD_PREFIX + kata_id


def kata_scheduler(base: Scheduler | None = None) -> Scheduler:
    """The scheduler of kata cards: the learner's (``base``: parameters, desired retention)
    without same-day learning steps. A kata is a piece of work, not a flash card: doing it again
    ten minutes after a pass teaches nothing, so a pass schedules it days away and a fail for
    the next day."""
    settings = (base or scheduler_for()).to_dict()
    settings.update(learning_steps=[], relearning_steps=[])
    return Scheduler.from_dict(settings)


def kata_related(spec: Any) -> list[str]:
    """The ``related:`` list of a kata spec (question ids and topic ids); empty when the kata
    (or this version of the kata model) has none."""
    related = getattr(spec, "related", None) or []
    return [str(item) for item in related]


def failed_checks(report: Any) -> tuple[str, ...]:
    """Names of the checks a results-v3 report did not pass (``fail`` or ``error``), in the
    report's order."""
    if not isinstance(report, Mapping):
        return ()
    names = []
    for test in report.get("tests") or ():
        if isinstance(test, Mapping) and test.get("status") in ("fail", "error"):
            names.append(str(test.get("name") or test.get("check") or "?"))
    return tuple(dict.fromkeys(names))


def _kata_id(kata: Any) -> str:
    return kata if isinstance(kata, str) else kata.id


def due_katas(katas: Iterable[Any], kata_cards: Mapping[str, CardRecord],
              now: datetime) -> list[str]:
    """Ids of the katas (ids or catalogue entries) whose card is due at ``now``, most overdue
    first; a kata never attempted has no card and is not due (it is new)."""
    now = utc(now)
    due = []
    for index, kata in enumerate(katas):
        record = kata_cards.get(_kata_id(kata))
        if record is not None and record.due <= now:
            due.append((record.due, index, _kata_id(kata)))
    return [kata_id for _, _, kata_id in sorted(due)]


@dataclass(frozen=True)
class DueItem:
    """One piece of due work: a question (``recall`` set when a failed kata check brought it
    back) or a kata, with the moment it fell due."""

    kind: str  # "question" or "kata"
    id: str
    due: datetime
    recall: Recall | None = None


def due_agenda(questions: Sequence[Any], cards: Mapping[str, CardRecord], katas: Iterable[Any],
               kata_cards: Mapping[str, CardRecord], now: datetime) -> list[DueItem]:
    """Due questions and due katas in one list: recalled questions first (oldest recall
    first), then everything else most overdue first, questions and katas mixed by due time. An
    edited question counts as due now."""
    now = utc(now)
    items: list[tuple[tuple, DueItem]] = []
    seen: set[str] = set()
    for index, q in enumerate(questions):
        record = cards.get(q.id)
        if q.id in seen or not is_due(q, record, now):
            continue
        seen.add(q.id)
        if is_recalled(record):
            at = utc(record.recall.recalled_at)
            items.append(((0, at, index), DueItem("question", q.id, at, record.recall)))
        else:
            at = min(record.due, now)
            items.append(((1, at, index), DueItem("question", q.id, at)))
    offset = len(items)
    for index, kata_id in enumerate(due_katas(katas, kata_cards, now)):
        at = kata_cards[kata_id].due
        items.append(((1, at, offset + index), DueItem("kata", kata_id, at)))
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def related_question_ids(related: Iterable[str], questions: Sequence[Any],
                         cards: Mapping[str, CardRecord], now: datetime, *,
                         per_topic: int = RELATED_PER_TOPIC,
                         scheduler: Scheduler | None = None) -> list[str]:
    """The questions a kata's ``related`` list stands for, without repeats, in its order.

    An entry that is a question id is that question; one that is a topic stands for the
    ``per_topic`` questions of that topic with the lowest predicted recall now (never reviewed
    first, then bank order). Entries that are neither (a question since removed) are left out.
    """
    by_id = {q.id: q for q in questions}
    picked: dict[str, None] = {}
    for entry in related:
        if entry in by_id:
            picked[entry] = None
            continue
        members = [(retrievability(cards[q.id].card if q.id in cards else None, now, scheduler),
                    index, q.id)
                   for index, q in enumerate(questions) if entry in question_topics(q)]
        for _, _, qid in sorted(members)[:max(per_topic, 0)]:
            picked[qid] = None
    return list(picked)


def attempt_context(spec: Any, questions: Sequence[Any], cards: Mapping[str, CardRecord],
                    now: datetime, *, hints_used: int | None = None,
                    time_taken_s: float | None = None,
                    scheduler: Scheduler | None = None) -> dict[str, Any]:
    """Keyword arguments for :meth:`quizapp.store.Store.record_kata_attempt` beyond the
    verdict: the kata's ``minutes``, the ``related`` questions to recall should a check fail,
    and what the caller knows of ``hints_used`` and ``time_taken_s``. ``spec`` is the kata's
    spec (None for a kata the catalogue cannot read: then only the verdict counts)."""
    return {
        "minutes": getattr(spec, "minutes", None),
        "related": related_question_ids(kata_related(spec), questions, cards, now,
                                        scheduler=scheduler) if spec is not None else [],
        "hints_used": hints_used,
        "time_taken_s": time_taken_s,
    }
