"""How values are kept in the progress database's columns, and back.

Times are stored as ISO 8601 text in UTC with a fixed layout (so that text order is time
order); ``day`` columns hold the learner's local date of the event (for streaks and activity);
JSON columns hold ``json.dumps`` text; ``correct`` columns hold 0/1. The card columns that the
question and the kata cards share decode to an FSRS :class:`~quizapp.scheduling.Card`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from quizapp.scheduling import Card, State


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(when: datetime | None) -> datetime:
    if when is None:
        return _now()
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(
        timezone.utc)


def _ts(when: datetime) -> str:
    """UTC ISO 8601 with a fixed layout, so that text order is time order."""
    return _utc(when).isoformat(timespec="microseconds")


def _day(when: datetime) -> str:
    """The learner's local date of an event."""
    return _utc(when).astimezone().date().isoformat()


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=False)


def _unjson(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def _where(since: tuple[str, datetime | None] | None = None, **equal: Any) -> tuple[str, list]:
    """A ``WHERE`` clause (or ``""``) and its parameters: ``column = ?`` for each ``equal``
    value that is not None, and ``column >= ?`` for ``since`` (a column and a time)."""
    clauses, params = [], []
    for column, value in equal.items():
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if since is not None and since[1] is not None:
        clauses.append(f"{since[0]} >= ?")
        params.append(_ts(since[1]))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _card(row: tuple) -> Card:
    """The FSRS card of a ``cards`` or ``kata_cards`` row that starts ``card_id, state, step,
    stability, difficulty, due, last_review``."""
    return Card(card_id=row[0], state=State(row[1]), step=row[2], stability=row[3],
                difficulty=row[4], due=_dt(row[5]), last_review=_dt(row[6]))
