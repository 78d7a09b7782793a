"""What a mock interview asks: the plan, and how it is composed to fit the minutes.

Composition rules (see :func:`compose_plan`): the estimated minutes of the items never exceed the
budget; from 15 minutes up there is at least one kata (two from 45); the rest of the time goes to
questions drawn at random, weighted toward topics with a low recall in the store and away from
topics and types already picked, so the plan mixes both; the same seed, catalogue and history give
the same plan.
"""

from __future__ import annotations

import random
import secrets
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The lengths a mock can have (``--minutes``).
MINUTES: tuple[int, ...] = (15, 30, 45, 60)
#: Report sections, by item kind.
SECTIONS: dict[str, str] = {"question": "concepts", "kata": "katas"}
#: From this many minutes a plan has at least one kata, from the second bound two.
KATA_FROM_MINUTES = 15
TWO_KATAS_FROM_MINUTES = 45
#: Minutes kept for questions when katas are picked: the larger of these two.
QUESTION_RESERVE_MIN = 4.0
QUESTION_RESERVE_SHARE = 0.3
#: Weights of the random draw: a floor so that strong topics still appear, and the factor a
#: question's weight is multiplied by for each item of its type already in the plan. (A topic's
#: weight is divided by one plus its items so far: over a long plan, topics get questions in
#: proportion to ``floor + weakness``, and equally weak topics alternate.)
WEIGHT_FLOOR = 0.15
TYPE_REPEAT_FACTOR = 0.55
_EPS = 1e-9


@dataclass(frozen=True)
class PlanItem:
    """One item of a plan: a question or a kata, with its estimated minutes.

    ``topics`` and ``type`` (a question type, or ``"kata"``) are kept for scoring and display;
    the JSON form (:meth:`to_json`) holds only ``kind``, ``id`` and ``minutes``.
    """

    kind: str
    id: str
    minutes: float
    topics: tuple[str, ...] = ()
    type: str = ""

    @property
    def section(self) -> str:
        return SECTIONS[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "minutes": json_number(self.minutes)}


@dataclass(frozen=True)
class Plan:
    """What a mock interview asks, in order: questions first, then katas."""

    minutes: int
    seed: int
    items: tuple[PlanItem, ...]
    topics: tuple[str, ...] | None = None

    @property
    def planned_minutes(self) -> float:
        """The sum of the items' estimates (never more than ``minutes``)."""
        return round(sum(item.minutes for item in self.items), 4)

    def to_json(self) -> dict[str, Any]:
        """``{"minutes": M, "seed": N, "items": [{"kind", "id", "minutes"}, ...]}`` (the shape
        ``quizapp mock --plan --json`` prints; a topic filter shows in the items chosen)."""
        return {"minutes": self.minutes, "seed": self.seed,
                "items": [item.to_json() for item in self.items]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], questions: Mapping[str, Any] | None = None,
                  katas: Mapping[str, Any] | None = None) -> Plan:
        """The plan back from :meth:`to_json`; ``questions`` / ``katas`` (id -> object) fill in
        topics and types when given."""
        questions, katas = questions or {}, katas or {}
        items = []
        for raw in data.get("items", []):
            kind, item_id = raw["kind"], raw["id"]
            source = questions.get(item_id) if kind == "question" else katas.get(item_id)
            topics = topics_of(source) if source is not None else ()
            qtype = "kata" if kind == "kata" else getattr(source, "type", "")
            items.append(PlanItem(kind, item_id, float(raw.get("minutes") or 0), topics, qtype))
        topics_filter = data.get("topics")
        return cls(int(data.get("minutes") or 0), int(data.get("seed") or 0), tuple(items),
                   tuple(topics_filter) if topics_filter else None)


def new_seed() -> int:
    """A fresh seed for a plan (short enough to type back with ``--seed``)."""
    return secrets.randbelow(1_000_000)


def json_number(value: float | None) -> int | float | None:
    """A number as JSON shows it best: rounded to 4 places, an int when it is whole."""
    if value is None:
        return None
    value = round(float(value), 4)
    return int(value) if value.is_integer() else value


def topics_of(obj: Any) -> tuple[str, ...]:
    """All topics of a question (its main ``topic`` first) or a kata, without repeats."""
    seen: list[str] = []
    for topic in (getattr(obj, "topic", None), *(getattr(obj, "topics", None) or ())):
        if topic and topic not in seen:
            seen.append(topic)
    return tuple(seen)


def known_topics(questions: Iterable[Any], katas: Iterable[Any]) -> set[str]:
    """Every topic a question or a kata of the catalogue has (what ``--topics`` accepts)."""
    return {t for q in questions for t in topics_of(q)} | {t for k in katas for t in topics_of(k)}


def _recall(mastery: Mapping[str, Any] | None) -> dict[str, float]:
    """topic -> recall (0..1) from :func:`quizapp.scheduling.topic_mastery`'s result or from
    plain numbers."""
    out: dict[str, float] = {}
    for topic, value in (mastery or {}).items():
        number = getattr(value, "recall_now", value)
        try:
            out[topic] = min(1.0, max(0.0, float(number)))
        except (TypeError, ValueError):
            continue
    return out


def _weakness(topics: Sequence[str], recall: Mapping[str, float]) -> float:
    """1 - mean recall over ``topics``; a topic never practised counts as recall 0."""
    if not topics:
        return 1.0
    return sum(1.0 - recall.get(t, 0.0) for t in topics) / len(topics)


def _weighted_pick(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> int:
    """Index of one item drawn with probability proportional to its weight."""
    total = sum(weights)
    point = rng.random() * total
    acc = 0.0
    for index, weight in enumerate(weights):
        acc += weight
        if point < acc:
            return index
    return len(items) - 1


def _kata_count(minutes: float) -> int:
    if minutes < KATA_FROM_MINUTES:
        return 0
    return 2 if minutes >= TWO_KATAS_FROM_MINUTES else 1


def _unique_sorted(objects: Iterable[Any]) -> list[Any]:
    """The first object of each id, sorted by id (the plan must not depend on reading order)."""
    unique: dict[str, Any] = {}
    for obj in objects:
        unique.setdefault(obj.id, obj)
    return [obj for _, obj in sorted(unique.items())]


def _pick_katas(rng: random.Random, pool: Sequence[Any], budget: float, reserve: float,
                recall: Mapping[str, float]) -> list[Any]:
    """Step 1 of :func:`compose_plan`: the katas, within the budget less the reserve."""
    chosen: list[Any] = []
    kata_budget = budget - reserve
    wanted = _kata_count(budget)
    for n in range(wanted):
        left = kata_budget - sum(k.minutes for k in chosen)
        fits = [k for k in pool if k not in chosen and k.minutes <= left + _EPS]
        if n + 1 < wanted:  # leave room for the next kata when one can follow
            roomy = [k for k in fits if any(
                o is not k and o not in chosen and o.minutes <= left - k.minutes + _EPS
                for o in pool)]
            fits = roomy or fits
        if not fits and n == 0:
            fits = [k for k in pool if k.minutes <= budget + _EPS]
            if fits:  # only the shortest ones: leave as much time for questions as possible
                shortest = min(k.minutes for k in fits)
                fits = [k for k in fits if k.minutes <= shortest + _EPS]
        if not fits:
            break
        weights = [WEIGHT_FLOOR + _weakness(topics_of(k), recall) for k in fits]
        chosen.append(fits[_weighted_pick(rng, fits, weights)])
    return chosen


def _pick_questions(rng: random.Random, pool: Sequence[Any], remaining: float,
                    recall: Mapping[str, float]) -> list[Any]:
    """Step 2 of :func:`compose_plan`: questions, one at a time, while any still fits."""
    chosen: list[Any] = []
    topic_count: Counter[str] = Counter()
    type_count: Counter[str] = Counter()
    pool = list(pool)
    while pool:
        fits = [q for q in pool if q.minutes <= remaining + _EPS]
        if not fits:
            break
        weights = []
        for q in fits:
            q_topics = topics_of(q)
            weight = WEIGHT_FLOOR + _weakness(q_topics, recall)
            weight /= 1 + (topic_count[q_topics[0]] if q_topics else 0)
            weight *= TYPE_REPEAT_FACTOR ** type_count[q.type]
            weights.append(weight)
        q = fits[_weighted_pick(rng, fits, weights)]
        pool.remove(q)
        chosen.append(q)
        q_topics = topics_of(q)
        if q_topics:
            topic_count[q_topics[0]] += 1
        type_count[q.type] += 1
        remaining -= q.minutes
    return chosen


def compose_plan(questions: Iterable[Any], katas: Iterable[Any], mastery: Mapping[str, Any] | None,
                 minutes: float, seed: int, topics: Iterable[str] | None = None) -> Plan:
    """The items of a mock interview of ``minutes``, drawn with ``random.Random(seed)``.

    ``questions`` are :class:`quizapp.banks.Question` (``id``, ``type``, ``minutes``, ``topic``,
    ``topics``); ``katas`` anything with ``id``, ``minutes`` and ``topics`` (catalogue entries or
    kata specs; entries without minutes are left out); ``mastery`` maps a topic to its recall
    (a :class:`quizapp.scheduling.TopicMastery` or a number 0..1; a missing topic counts as never
    practised). ``topics`` keeps only items with at least one of those topics.

    1. Katas: none under 15 minutes, one from 15, two from 45. They take at most the budget less
       the time kept for questions (the larger of 4 minutes and 30 %), except that the first kata
       may use the whole budget when no shorter one exists. Drawn weighted by weakness.
    2. Questions fill the rest, one at a time among those that still fit, each drawn with weight
       ``(floor + weakness) / (1 + items of its topic so far) * 0.55**(items of its type so
       far)``, with ``floor`` 0.15 and ``weakness`` one minus the mean recall of the question's
       topics: weak topics get more, in proportion, but the plan keeps a mix of topics and
       types.

    The inputs are sorted by id first, so the plan depends only on the seed, the catalogue and
    the history, not on the order in which banks were read.
    """
    budget = float(minutes)
    rng = random.Random(seed)
    recall = _recall(mastery)
    wanted = set(topics) if topics else None

    def keep(obj: Any) -> bool:
        item_minutes = getattr(obj, "minutes", None)
        if item_minutes is None or item_minutes <= 0 or item_minutes > budget + _EPS:
            return False
        return wanted is None or bool(wanted.intersection(topics_of(obj)))

    q_pool = [q for q in _unique_sorted(questions) if keep(q)]
    k_pool = [k for k in _unique_sorted(katas) if keep(k)]
    reserve = max(QUESTION_RESERVE_MIN, QUESTION_RESERVE_SHARE * budget) if q_pool else 0.0
    chosen_katas = _pick_katas(rng, k_pool, budget, reserve, recall)
    remaining = budget - sum(k.minutes for k in chosen_katas)
    chosen_q = _pick_questions(rng, q_pool, remaining, recall)

    items = [PlanItem("question", q.id, float(q.minutes), topics_of(q), q.type) for q in chosen_q]
    items += [PlanItem("kata", k.id, float(k.minutes), topics_of(k), "kata") for k in chosen_katas]
    return Plan(int(minutes) if float(minutes).is_integer() else minutes, seed, tuple(items),
                tuple(sorted(wanted)) if wanted else None)
