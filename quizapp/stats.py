"""Progress at a glance: mastery per topic, what is due, the streak, katas and mock interviews.

:func:`build_stats` is pure (it takes what was read and returns a JSON-ready dict); the TUI's stats
screen can call it as ``quizapp stats --json`` does. ``quizapp.commands.stats`` prints it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from quizapp.scheduling import CardRecord, Scheduler, is_changed, is_due, topic_mastery

RECENT_MOCKS = 5


def streak(days: Iterable[date], today: date) -> int:
    """Days in a row with practice, ending today, or yesterday while today has none yet (a
    streak is not broken until the day is over)."""
    practised = set(days)
    day = today if today in practised else today - timedelta(days=1)
    count = 0
    while day in practised:
        count += 1
        day -= timedelta(days=1)
    return count


def target_moment(target: date) -> datetime:
    """The interview day as a UTC moment (local noon of that date)."""
    return datetime.combine(target, time(12)).astimezone().astimezone(timezone.utc)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _name(text: Any, topic: str, lang: str) -> str:
    if text is None:
        return topic
    if isinstance(text, str):
        return text
    if isinstance(text, Mapping):
        return text.get(lang) or text.get("en") or topic
    return getattr(text, lang, None) or getattr(text, "en", None) or topic


def build_stats(*, questions: Sequence[Any], cards: Mapping[str, CardRecord], now: datetime,
                today: date, review_count: int, kata_attempt_count: int,
                kata_status: Mapping[str, Any] | None = None, activity_days: Iterable[date] = (),
                recent_mocks: Sequence[Any] = (), topic_names: Mapping[str, Any] | None = None,
                target: date | None = None, scheduler: Scheduler | None = None,
                lang: str = "en") -> dict[str, Any]:
    """Assemble the stats as a JSON-ready dict (the shape ``quizapp stats --json`` prints).

    ``due`` counts bank questions due now (FSRS due or edited since their last review); cards
    whose question left the banks are counted as ``orphan_cards``. ``recall_target`` is filled
    only for a target date today or later.
    """
    topic_names = topic_names or {}
    kata_status = kata_status or {}
    target_at = target_moment(target) if target is not None and target >= today else None
    mastery = topic_mastery(questions, cards, now, target_at, scheduler)
    unique = {q.id: q for q in reversed(questions)}  # the first of a repeated id wins
    ids = unique.keys()
    due = sum(1 for q in unique.values() if is_due(q, cards.get(q.id), now))
    changed = sum(1 for q in unique.values() if is_changed(q, cards.get(q.id)))
    days = set(activity_days)
    topics = [
        {"id": t, "name": _name(topic_names.get(t), t, lang), "questions": m.questions,
         "seen": m.seen, "due": m.due, "changed": m.changed,
         "recall_now": round(m.recall_now, 4),
         "recall_target": None if m.recall_target is None else round(m.recall_target, 4)}
        for t, m in mastery.items()
    ]
    order = {t: i for i, t in enumerate(topic_names)}
    topics.sort(key=lambda row: (order.get(row["id"], len(order)), row["id"]))
    return {
        "reviews": review_count,
        "kata_attempts": kata_attempt_count,
        "due": due,
        "new": len(ids - cards.keys()),
        "changed": changed,
        "questions": len(ids),
        "orphan_cards": len(cards.keys() - ids),
        "streak": streak(days, today),
        "practiced_today": today in days,
        "last_practice": _iso(max(days)) if days else None,
        "target_date": _iso(target),
        "days_to_target": (target - today).days if target is not None else None,
        "topics": topics,
        "katas": [
            {"id": k, "status": s.status, "attempts": s.attempts,
             "last_attempt_at": _iso(s.last_attempt_at), "last_status": s.last_status,
             "first_passed_at": _iso(s.first_passed_at), "last_passed_at": _iso(s.last_passed_at)}
            for k, s in kata_status.items()
        ],
        "mock": [
            {"id": m.id, "started_at": _iso(m.started_at), "finished_at": _iso(m.finished_at),
             "minutes": m.minutes, "scores": m.scores}
            for m in recent_mocks
        ],
    }


# --------------------------------------------------------------------------------------------
# Reading the content


def load_bank() -> tuple[list[Any], dict[str, Any], list[Any]]:
    """``(questions, topic names, errors)`` from the question banks."""
    try:
        from quizapp.banks import load_banks
    except ModuleNotFoundError as exc:  # a checkout without the banks loader
        if exc.name != "quizapp.banks":
            raise
        return [], {}, ["quizapp.banks is missing"]
    bank = load_banks()
    return list(bank.questions), dict(getattr(bank, "topics", {}) or {}), list(
        getattr(bank, "errors", []) or [])


def kata_ids() -> list[str]:
    """Ids of the katas in the catalogue (folders with a kata.yaml)."""
    from quizapp.paths import katas_dir

    root = katas_dir()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "kata.yaml").is_file())


def parse_target_date(text: str | None) -> date | None | str:
    """``YYYY-MM-DD`` as a date; ``none``/empty clears (returns ``"clear"``)."""
    if text is None:
        return None
    if text.strip().lower() in ("", "none", "clear"):
        return "clear"
    return date.fromisoformat(text.strip())
