"""Mock interviews: their sessions and the items answered in them.

Tables: ``mock_sessions`` (one row per mock: plan, scores, report) and ``mock_items`` (one row
per answered item; while a mock runs, the answers as given, one short transaction each).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from quizapp.store.codec import _bool, _day, _dt, _json, _ts, _unjson, _utc
from quizapp.store.connection import StoreConnection
from quizapp.store.errors import _guarded
from quizapp.store.records import MockItem, MockSession

MOCK_ITEM_KINDS = ("question", "kata")


class MocksMixin(StoreConnection):
    """Reads and writes ``mock_sessions`` and ``mock_items``."""

    @_guarded("starting a mock interview")
    def start_mock_session(self, minutes: int | None, seed: int | None, plan: Any,
                           started_at: datetime | None = None) -> int:
        """A new mock interview session; returns its id."""
        started_at = _utc(started_at)
        with self._write() as conn:
            return conn.execute(
                "INSERT INTO mock_sessions (started_at, day, minutes, seed, plan)"
                " VALUES (?, ?, ?, ?, ?)",
                (_ts(started_at), _day(started_at), minutes, seed, _json(plan))).lastrowid

    @_guarded("recording a mock interview item")
    def add_mock_item(self, session_id: int, kind: str, item_id: str, *, answer: Any = None,
                      correct: bool | None = None, score: float | None = None,
                      time_used_s: float | None = None, verdict: Any = None,
                      position: int | None = None, when: datetime | None = None) -> int:
        """One answered item (``kind`` question|kata) of a session; returns its id."""
        if kind not in MOCK_ITEM_KINDS:
            raise ValueError(f"mock item kind must be one of {MOCK_ITEM_KINDS}, got {kind!r}")
        with self._write() as conn:
            if position is None:
                position = conn.execute(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM mock_items WHERE session_id = ?",
                    (session_id,)).fetchone()[0]
            return conn.execute(
                "INSERT INTO mock_items (session_id, position, kind, item_id, answer, correct,"
                " score, time_used_s, verdict, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, position, kind, item_id, _json(answer),
                 None if correct is None else int(bool(correct)), score, time_used_s,
                 _json(verdict), _ts(_utc(when)))).lastrowid

    @_guarded("recording a mock interview answer")
    def save_mock_answer(self, session_id: int, position: int, kind: str, item_id: str, *,
                         answer: Any = None, time_used_s: float | None = None,
                         when: datetime | None = None) -> int:
        """Keep the answer given so far to item ``position`` of an unfinished session (``None``:
        opened, no answer yet), replacing what was kept for that position before; returns the
        row's id.

        While a mock runs, its ``mock_items`` rows are the answers as given (``correct``,
        ``score`` and ``verdict`` empty), each written in a short transaction of its own, so a
        killed app loses at most the answer in flight. :func:`quizapp.mock.finish_mock`
        replaces them with the scored items (:meth:`clear_mock_items`, in its transaction).
        Raises KeyError for an unknown session and ValueError for a finished one.
        """
        if kind not in MOCK_ITEM_KINDS:
            raise ValueError(f"mock item kind must be one of {MOCK_ITEM_KINDS}, got {kind!r}")
        with self._write() as conn:
            row = conn.execute("SELECT finished_at FROM mock_sessions WHERE id = ?",
                               (session_id,)).fetchone()
            if row is None:
                raise KeyError(f"no mock interview session {session_id}")
            if row[0] is not None:
                raise ValueError(f"mock interview {session_id} is finished; its answers are in")
            conn.execute("DELETE FROM mock_items WHERE session_id = ? AND position = ?",
                         (session_id, position))
            return conn.execute(
                "INSERT INTO mock_items (session_id, position, kind, item_id, answer,"
                " time_used_s, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (session_id, position, kind, item_id, _json(answer), time_used_s,
                 _ts(_utc(when)))).lastrowid

    @_guarded("recording a mock interview answer")
    def clear_mock_items(self, session_id: int) -> int:
        """Delete a session's items (the answers kept while it ran); returns how many."""
        with self._write() as conn:
            return conn.execute("DELETE FROM mock_items WHERE session_id = ?",
                                (session_id,)).rowcount

    @_guarded("reading mock interviews")
    def unfinished_mock_sessions(self) -> list[MockSession]:
        """Sessions that were started and never finished (a mock the app was closed or killed
        in), newest first, with the answers kept so far."""
        return self._mock_sessions("WHERE finished_at IS NULL", (), items=True)

    @_guarded("finishing a mock interview")
    def finish_mock_session(self, session_id: int, scores: Any, report: Any,
                            finished_at: datetime | None = None) -> None:
        with self._write() as conn:
            updated = conn.execute(
                "UPDATE mock_sessions SET finished_at = ?, scores = ?, report = ? WHERE id = ?",
                (_ts(_utc(finished_at)), _json(scores), _json(report), session_id)).rowcount
            if not updated:
                raise KeyError(f"no mock interview session {session_id}")

    @_guarded("reading mock interviews")
    def mock_session(self, session_id: int) -> MockSession | None:
        """A session with its items, or None."""
        sessions = self._mock_sessions("WHERE id = ?", (session_id,), items=True)
        return sessions[0] if sessions else None

    @_guarded("reading mock interviews")
    def mock_sessions(self, limit: int | None = None, *, items: bool = False) -> list[MockSession]:
        """Sessions, newest first."""
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        return self._mock_sessions("", (), items=items, tail=tail)

    def _mock_sessions(self, where: str, params: tuple, *, items: bool,
                       tail: str = "") -> list[MockSession]:
        rows = self._conn.execute(
            f"SELECT id, started_at, finished_at, minutes, seed, plan, scores, report"
            f" FROM mock_sessions {where} ORDER BY started_at DESC, id DESC{tail}", params).fetchall()
        sessions = []
        for r in rows:
            its: tuple[MockItem, ...] = ()
            if items:
                its = tuple(MockItem(
                    id=i[0], session_id=i[1], position=i[2], kind=i[3], item_id=i[4],
                    answer=_unjson(i[5]), correct=_bool(i[6]), score=i[7], time_used_s=i[8],
                    verdict=_unjson(i[9]), recorded_at=_dt(i[10])) for i in self._conn.execute(
                    "SELECT id, session_id, position, kind, item_id, answer, correct, score,"
                    " time_used_s, verdict, recorded_at FROM mock_items WHERE session_id = ?"
                    " ORDER BY position, id", (r[0],)))
            sessions.append(MockSession(
                id=r[0], started_at=_dt(r[1]), finished_at=_dt(r[2]), minutes=r[3], seed=r[4],
                plan=_unjson(r[5]), scores=_unjson(r[6]), report=_unjson(r[7]), items=its))
        return sessions
