"""Kata attempts and the katas' own FSRS cards.

Tables: ``kata_attempts`` (one row per graded attempt, with the code and the results-v3
report) and ``kata_cards`` (one card per kata). A failed check opens ``recalls`` rows for the
questions related to the kata.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta

from quizapp.kata_rating import kata_rating
from quizapp.kata_schedule import KATA_CARD_PREFIX, failed_checks, kata_scheduler
from quizapp.scheduling import CardRecord, Rating, Scheduler, State, new_card, review
from quizapp.store.codec import _card, _day, _dt, _json, _ts, _unjson, _utc, _where
from quizapp.store.errors import _guarded
from quizapp.store.fits import FitsMixin
from quizapp.store.recalls import RecallsMixin
from quizapp.store.records import KataAttempt, KataStatus

KATA_STATUSES = ("pass", "fail", "error")

#: Attempts at one kata this close together are one sitting: a fail right after a fail (or a pass
#: right after a pass) is the learner still typing, or the workbench re-grading on save, not a
#: new recall, so it leaves the kata's card as it is.
KATA_SITTING = timedelta(hours=2)


class KatasMixin(FitsMixin, RecallsMixin):
    """Reads and writes ``kata_attempts`` and ``kata_cards`` (and opens ``recalls``)."""

    @_guarded("recording a kata attempt")
    def record_kata_attempt(self, kata_id: str, device: str | None, status: str,
                            duration_s: float | None, code: str | None, report: dict | None,
                            when: datetime | None = None, *, source: str = "cli",
                            mock_session_id: int | None = None, hints_used: int | None = None,
                            time_taken_s: float | None = None, minutes: float | None = None,
                            related: Iterable[str] = ()) -> int:
        """Append a graded attempt (``status`` pass|fail|error, the results-v3 ``report``) and
        review the kata's card, in one transaction; returns the attempt's id.

        The card's rating is :func:`quizapp.kata_rating.kata_rating` of the verdict,
        ``hints_used``, ``time_taken_s`` (the learner's time on the kata) and the kata's
        ``minutes`` (each None when unknown). An attempt with the same outcome as the kata's
        previous one within :data:`KATA_SITTING` leaves the card as it is (its ``rating`` is
        stored as None). When a check failed (``status`` fail), the ``related`` question ids
        (see :func:`quizapp.kata_schedule.related_question_ids`) are recalled: due now, with the
        kata and the failed checks' names as the reason.
        """
        if status not in KATA_STATUSES:
            raise ValueError(f"kata attempt status must be one of {KATA_STATUSES}, got {status!r}")
        rating = kata_rating(status, hints_used=hints_used, time_taken_s=time_taken_s,
                             minutes=minutes)
        when = _utc(when)
        scheduler = kata_scheduler(self.scheduler)
        with self._write() as conn:
            moves = self._moves_kata_card(conn, kata_id, status, when)
            attempt_id = conn.execute(
                "INSERT INTO kata_attempts (kata_id, attempted_at, day, device, status, duration_s,"
                " code, report, source, mock_session_id, rating, hints_used, time_taken_s)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (kata_id, _ts(when), _day(when), device, status, duration_s, code, _json(report),
                 source, mock_session_id, int(rating) if moves else None, hints_used,
                 time_taken_s)).lastrowid
            if moves:
                self._review_kata_card(conn, kata_id, rating, when, scheduler)
            checks = failed_checks(report)
            if status == "fail" and checks:
                self._recall(related, kata_id, checks, attempt_id, when)
            return attempt_id

    def _moves_kata_card(self, conn: sqlite3.Connection, kata_id: str, status: str,
                         when: datetime) -> bool:
        """False for a repeat within the sitting (see :data:`KATA_SITTING`)."""
        row = conn.execute(
            "SELECT attempted_at, status FROM kata_attempts WHERE kata_id = ? AND attempted_at <= ?"
            " ORDER BY attempted_at DESC, id DESC LIMIT 1", (kata_id, _ts(when))).fetchone()
        if row is None:
            return True
        same_outcome = (row[1] == "pass") == (status == "pass")
        return not (same_outcome and when - _dt(row[0]) < KATA_SITTING)

    def _review_kata_card(self, conn: sqlite3.Connection, kata_id: str, rating: Rating,
                          when: datetime, scheduler: Scheduler) -> None:
        row = conn.execute(
            "SELECT card_id, state, step, stability, difficulty, due, last_review, reps, lapses,"
            " created_at FROM kata_cards WHERE kata_id = ?", (kata_id,)).fetchone()
        if row is None:
            card_id = conn.execute(
                "SELECT COALESCE(MAX(card_id), 0) + 1 FROM kata_cards").fetchone()[0]
            card, reps, lapses, created = new_card(card_id, when), 0, 0, _ts(when)
        else:
            card, reps, lapses, created = _card(row), row[7], row[8], row[9]
        lapsed = card.state == State.Review and rating == Rating.Again
        card, _ = review(card, rating, when, scheduler)
        conn.execute(
            "INSERT INTO kata_cards (kata_id, card_id, state, step, stability, difficulty, due,"
            " last_review, reps, lapses, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (kata_id) DO UPDATE SET state = excluded.state, step = excluded.step,"
            " stability = excluded.stability, difficulty = excluded.difficulty,"
            " due = excluded.due, last_review = excluded.last_review, reps = excluded.reps,"
            " lapses = excluded.lapses, updated_at = excluded.updated_at",
            (kata_id, card.card_id, int(card.state), card.step, card.stability, card.difficulty,
             _ts(card.due), _ts(card.last_review), reps + 1, lapses + lapsed, created, _ts(when)))

    @_guarded("reading kata cards")
    def kata_cards(self) -> dict[str, CardRecord]:
        """Every kata's card, keyed by kata id; each record's ``question_id`` is the card key
        ``kata:<kata id>``, so it never collides with a question's."""
        rows = self._conn.execute(
            "SELECT card_id, state, step, stability, difficulty, due, last_review, reps, lapses,"
            " created_at, kata_id FROM kata_cards").fetchall()
        return {row[10]: CardRecord(question_id=KATA_CARD_PREFIX + row[10], card=_card(row),
                                    reps=row[7], lapses=row[8]) for row in rows}

    @_guarded("reading kata attempts")
    def kata_attempts(self, kata_id: str | None = None, *, limit: int | None = None,
                      with_code: bool = True) -> list[KataAttempt]:
        """Attempts, newest first; ``with_code=False`` leaves out the code and the report."""
        where, params = _where(kata_id=kata_id)
        heavy = "code, report" if with_code else "NULL, NULL"
        sql = (f"SELECT id, kata_id, attempted_at, status, device, duration_s, {heavy}, source,"
               f" mock_session_id, rating, hints_used, time_taken_s FROM kata_attempts {where}"
               f" ORDER BY attempted_at DESC, id DESC")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [KataAttempt(
            id=r[0], kata_id=r[1], attempted_at=_dt(r[2]), status=r[3], device=r[4],
            duration_s=r[5], code=r[6], report=_unjson(r[7]), source=r[8], mock_session_id=r[9],
            rating=r[10], hints_used=r[11], time_taken_s=r[12])
            for r in self._conn.execute(sql, params)]

    @_guarded("counting kata attempts")
    def kata_attempt_count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM kata_attempts").fetchone()[0]

    @_guarded("reading kata status")
    def kata_status(self, kata_ids: Iterable[str] = ()) -> dict[str, KataStatus]:
        """Status of every attempted kata, plus ``kata_ids`` never tried, sorted by id."""
        rows = self._conn.execute(
            "SELECT kata_id, COUNT(*), MAX(attempted_at),"
            " MIN(CASE WHEN status = 'pass' THEN attempted_at END),"
            " MAX(CASE WHEN status = 'pass' THEN attempted_at END),"
            " (SELECT status FROM kata_attempts AS last WHERE last.kata_id = k.kata_id"
            "  ORDER BY attempted_at DESC, id DESC LIMIT 1)"
            " FROM kata_attempts AS k GROUP BY kata_id").fetchall()
        result = {kata_id: KataStatus(kata_id, "never") for kata_id in kata_ids}
        for kata_id, n, last, first_pass, last_pass, last_status in rows:
            result[kata_id] = KataStatus(
                kata_id=kata_id, status="passed" if first_pass else "failing", attempts=n,
                last_attempt_at=_dt(last), last_status=last_status,
                first_passed_at=_dt(first_pass), last_passed_at=_dt(last_pass))
        return dict(sorted(result.items()))
