"""Spaced repetition with FSRS-6: ratings, reviews, what to ask next, and mastery per topic.

Everything here is pure: no database, no clock, no files. Callers pass ``now`` (a timezone-aware
datetime; FSRS works in UTC) and plain sequences of question objects. A question needs only ``id``
and ``topic``; ``topics`` (all its topics), ``content_hash`` and ``difficulty`` are used when present.

The store (:mod:`quizapp.store`) keeps one :class:`CardRecord` per question and calls
:func:`review` inside its write transaction. The scheduler it reviews with carries the learner's
own FSRS parameters once they were fitted (:mod:`quizapp.fsrs_fit`) and their desired retention
(:func:`scheduler_for`).

A question can also be *recalled*: a kata attempt that failed a check brings back the questions
the kata lists as ``related`` (:mod:`quizapp.kata_schedule`). Its record then carries a
:class:`Recall` (why it came back); it counts as due until it is next reviewed, and a quiz asks it
before anything else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from fsrs import Card, Rating, ReviewLog, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS

__all__ = [
    "Card", "CardRecord", "DEFAULT_PARAMETERS", "DEFAULT_RETENTION", "RETENTION_RANGE", "Rating",
    "Recall", "ReviewEvent", "Scheduler", "State", "SELF_GRADE_THRESHOLDS", "TopicMastery",
    "default_scheduler", "is_changed", "is_due", "is_recalled", "new_card", "pick_next",
    "question_topics", "rating_for", "rating_from_share", "retrievability", "review",
    "scheduler_for", "topic_mastery", "utc", "validate_retention",
]

#: The share of reviews the learner wants to get right (FSRS's desired retention), until they
#: choose another one.
DEFAULT_RETENTION = 0.9
#: The desired retentions a learner may choose. Below 0.70 they would forget nearly a third of
#: what they learnt between reviews; above 0.97 the intervals become so short that reviews pile up
#: (the workload grows steeply as the retention nears 1).
RETENTION_RANGE = (0.70, 0.97)

# Self-graded short answers: the share of key points the learner says they covered, mapped to a
# rating. A share below the first bound is Again, below the second Hard, below the third Good;
# covering every key point (share 1.0) is Easy. This table is the one place these bounds live.
SELF_GRADE_THRESHOLDS: tuple[tuple[float, Rating], ...] = (
    (0.5, Rating.Again),
    (0.75, Rating.Hard),
    (1.0, Rating.Good),
)


def utc(when: datetime) -> datetime:
    """``when`` as an aware UTC datetime (FSRS refuses anything else); naive means UTC."""
    if when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


def rating_from_share(share: float) -> Rating:
    """Rating for a self-graded answer that covered ``share`` (0..1) of the key points."""
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"share of key points must be between 0 and 1, got {share!r}")
    for bound, rating in SELF_GRADE_THRESHOLDS:
        if share < bound:
            return rating
    return Rating.Easy


def rating_for(*, correct: bool | None = None, share: float | None = None) -> Rating:
    """Rating from a verdict: auto-graded answers (``correct``) are Again or Good; self-graded
    short answers (``share`` of key points covered) go through :func:`rating_from_share`."""
    if (correct is None) == (share is None):
        raise ValueError("give exactly one of correct= (auto-graded) or share= (self-graded)")
    if share is not None:
        return rating_from_share(share)
    return Rating.Good if correct else Rating.Again


def default_scheduler() -> Scheduler:
    """The scheduler a new progress database starts with (FSRS-6 defaults, 90% retention)."""
    return Scheduler(desired_retention=DEFAULT_RETENTION)


def validate_retention(value: Any) -> float:
    """``value`` as a desired retention, or ValueError saying what is allowed and why."""
    low, high = RETENTION_RANGE
    try:
        retention = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"desired retention must be a number between {low:.2f} and {high:.2f},"
                         f" got {value!r}") from None
    if not low <= retention <= high:
        raise ValueError(
            f"desired retention must be between {low:.2f} and {high:.2f}, got {retention:g}: "
            f"below {low:.2f} you would forget too much between reviews, above {high:.2f} the "
            f"reviews pile up")
    return retention


def scheduler_for(parameters: Sequence[float] | None = None, desired_retention: float | None = None,
                  base: Scheduler | None = None) -> Scheduler:
    """A scheduler like ``base`` (default: :func:`default_scheduler`) with other FSRS
    ``parameters`` and/or ``desired_retention``; its learning steps, maximum interval and fuzzing
    stay as they were. Out-of-range parameters raise ValueError (FSRS checks their bounds)."""
    settings = (base or default_scheduler()).to_dict()
    if parameters is not None:
        settings["parameters"] = [float(p) for p in parameters]
    if desired_retention is not None:
        settings["desired_retention"] = validate_retention(desired_retention)
    return Scheduler.from_dict(settings)


@dataclass(frozen=True)
class ReviewEvent:
    """One review as FSRS's optimizer and the calibration see it: which card, when, the rating
    (1 Again .. 4 Easy), how long it took (ms, when known) and the learner's local day."""

    card: str
    at: datetime
    rating: int
    duration_ms: int | None = None
    day: date | None = None


@dataclass(frozen=True)
class Recall:
    """Why a question came back before FSRS had it due: a kata attempt (``attempt_id``) of
    ``kata_id`` failed the checks ``checks``, and the kata lists the question (or its topic) as
    related. It stays open until the question is next reviewed."""

    question_id: str
    kata_id: str
    checks: tuple[str, ...]
    recalled_at: datetime
    attempt_id: int | None = None


@dataclass(frozen=True)
class CardRecord:
    """One question's spaced-repetition card as the store keeps it.

    ``content_hash`` is the question's hash at its last review: when the bank's question hashes
    differently now, the question was edited since (see :func:`is_changed`). ``recall`` is set
    while a failed kata check has brought the question back (see :class:`Recall`); a question
    recalled before it was ever reviewed has a record with a new card and ``reps == 0``.
    """

    question_id: str
    card: Card
    content_hash: str | None = None
    reps: int = 0
    lapses: int = 0
    recall: Recall | None = None

    @property
    def due(self) -> datetime:
        return self.card.due

    @property
    def last_review(self) -> datetime | None:
        return self.card.last_review


def new_card(card_id: int, now: datetime) -> Card:
    """A card never reviewed, due at ``now``."""
    return Card(card_id=card_id, due=utc(now))


def review(card: Card, rating: Rating | int, now: datetime, scheduler: Scheduler | None = None,
           duration_ms: int | None = None) -> tuple[Card, ReviewLog]:
    """Review ``card`` with ``rating`` at ``now``; returns the new card and FSRS's review log."""
    scheduler = scheduler or default_scheduler()
    return scheduler.review_card(card, Rating(int(rating)), review_datetime=utc(now),
                                 review_duration=duration_ms)


def retrievability(card: Card | None, when: datetime, scheduler: Scheduler | None = None) -> float:
    """Predicted probability of recalling the card at ``when`` (0 for a card never reviewed)."""
    if card is None:
        return 0.0
    scheduler = scheduler or default_scheduler()
    return float(scheduler.get_card_retrievability(card, current_datetime=utc(when)))


def question_topics(question: Any) -> tuple[str, ...]:
    """All topics of a question, its main ``topic`` first, without repeats."""
    main = getattr(question, "topic", None)
    extra = getattr(question, "topics", None) or ()
    seen: list[str] = []
    for topic in (main, *extra):
        if topic and topic not in seen:
            seen.append(topic)
    return tuple(seen)


def is_changed(question: Any, record: CardRecord | None) -> bool:
    """True when the question was edited after its last review (its content hash differs)."""
    if record is None or record.content_hash is None:
        return False
    current = getattr(question, "content_hash", None)
    return current is not None and current != record.content_hash


def is_recalled(record: CardRecord | None) -> bool:
    """True while a failed kata check has the question back (until its next review)."""
    return record is not None and getattr(record, "recall", None) is not None


def _reviewed(record: CardRecord | None) -> bool:
    """A record of a question answered at least once (not one only recalled so far)."""
    return record is not None and not (is_recalled(record) and record.card.last_review is None)


def is_due(question: Any, record: CardRecord | None, now: datetime) -> bool:
    """A reviewed question is due when FSRS says so, or when it was edited since its last review.
    A recalled question (see :class:`Recall`) is due from the moment it was recalled."""
    if record is None:
        return False
    return is_recalled(record) or record.due <= utc(now) or is_changed(question, record)


@dataclass(frozen=True)
class TopicMastery:
    """How well one topic is known.

    ``recall_now`` and ``recall_target`` are the mean FSRS retrievability over the topic's
    questions, counting a question never reviewed as 0: the expected share of the topic the
    learner would answer right now, and on the target date if they review nothing until then.
    """

    topic: str
    questions: int
    seen: int
    due: int
    changed: int
    recall_now: float
    recall_target: float | None = None


def topic_mastery(questions: Sequence[Any], cards: Mapping[str, CardRecord], now: datetime,
                  target: datetime | None = None, scheduler: Scheduler | None = None,
                  ) -> dict[str, TopicMastery]:
    """Mastery per topic (in order of first appearance) over ``questions``.

    A question in several topics counts in each. ``target`` (the interview day) adds the recall
    predicted for that moment, assuming no reviews in between.
    """
    scheduler = scheduler or default_scheduler()
    now = utc(now)
    target = utc(target) if target is not None else None
    acc: dict[str, list] = {}
    seen_ids: set[str] = set()
    for q in questions:
        if q.id in seen_ids:
            continue
        seen_ids.add(q.id)
        record = cards.get(q.id)
        card = record.card if record else None
        r_now = retrievability(card, now, scheduler)
        r_target = retrievability(card, target, scheduler) if target is not None else 0.0
        due = is_due(q, record, now)
        changed = is_changed(q, record)
        for topic in question_topics(q):
            a = acc.setdefault(topic, [0, 0, 0, 0, 0.0, 0.0])
            a[0] += 1
            a[1] += _reviewed(record)
            a[2] += due
            a[3] += changed
            a[4] += r_now
            a[5] += r_target
    return {
        topic: TopicMastery(
            topic=topic, questions=n, seen=seen, due=due, changed=changed,
            recall_now=total_now / n,
            recall_target=(total_target / n) if target is not None else None)
        for topic, (n, seen, due, changed, total_now, total_target) in acc.items()
    }


def pick_next(questions: Sequence[Any], cards: Mapping[str, CardRecord], now: datetime, n: int,
              topics: Iterable[str] | None = None, exclude_ids: Iterable[str] = (),
              scheduler: Scheduler | None = None, ahead: bool = True) -> list[Any]:
    """The next ``n`` questions to ask, no question twice, none of ``exclude_ids``.

    1. Due questions: first those a failed kata check recalled (oldest recall first), then FSRS
       due or edited since their last review, most overdue first.
    2. New questions (never reviewed) from the weakest topics: topics in order of ``recall_now``
       (weakest first, ties in bank order), taking one question from each in turn, easier ones
       (lower ``difficulty``) first within a topic.
    3. With ``ahead`` and still short of ``n``: reviewed questions not yet due, lowest predicted
       recall first, so that a learner who is up to date can keep practising.

    ``topics`` keeps only questions with at least one of those topics.
    """
    if n <= 0:
        return []
    now = utc(now)
    wanted = set(topics) if topics else None
    excluded = set(exclude_ids)
    pool: list[Any] = []
    for q in questions:
        if q.id in excluded:
            continue
        if wanted is not None and not wanted.intersection(question_topics(q)):
            continue
        excluded.add(q.id)  # also drops repeated ids in the input
        pool.append(q)

    due, new, later = [], [], []
    for index, q in enumerate(pool):
        record = cards.get(q.id)
        if record is None:
            new.append(q)
        elif is_recalled(record):
            due.append((0, utc(record.recall.recalled_at), index, q))
        elif is_due(q, record, now):
            due.append((1, min(record.due, now), index, q))
        else:
            later.append(q)
    due.sort(key=lambda item: item[:3])
    picked = [item[3] for item in due[:n]]
    if len(picked) < n and new:
        picked += _new_by_weak_topic(new, pool, cards, now, scheduler, n - len(picked))
    if ahead and len(picked) < n and later:
        scheduler = scheduler or default_scheduler()
        later.sort(key=lambda q: retrievability(cards[q.id].card, now, scheduler))
        picked += later[: n - len(picked)]
    return picked


def _new_by_weak_topic(new: list[Any], pool: list[Any], cards: Mapping[str, CardRecord],
                       now: datetime, scheduler: Scheduler | None, k: int) -> list[Any]:
    mastery = topic_mastery(pool, cards, now, scheduler=scheduler)
    order = {topic: i for i, topic in enumerate(mastery)}
    queues: dict[str, list[Any]] = {}
    for index, q in enumerate(new):
        queues.setdefault(question_topics(q)[0], []).append((_difficulty(q), index, q))
    for queue in queues.values():
        queue.sort(key=lambda item: (item[0], item[1]))
        queue.reverse()  # pop() from the end takes the easiest first
    ranked = sorted(queues, key=lambda t: (mastery[t].recall_now, order[t]))
    picked: list[Any] = []
    while len(picked) < k and ranked:
        for topic in list(ranked):
            if len(picked) == k:
                break
            picked.append(queues[topic].pop()[2])
            if not queues[topic]:
                ranked.remove(topic)
    return picked


def _difficulty(question: Any) -> float:
    value = getattr(question, "difficulty", None)
    if isinstance(value, (int, float)):
        return float(value)
    names = {"easy": 1.0, "medium": 2.0, "hard": 3.0}
    return names.get(str(value).lower(), 2.0) if value is not None else 2.0
