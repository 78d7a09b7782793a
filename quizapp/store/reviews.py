"""The questions' FSRS cards and the append-only review log.

Tables: ``cards`` (one per question, keyed by its stable id) and ``reviews`` (one row per
answer; an "I was right" overrule is a new row naming the one it overrules). A review also
closes the question's open ``recalls`` row; :meth:`~ReviewsMixin.activity_days` reads the
``day`` columns of ``reviews``, ``kata_attempts`` and ``mock_sessions``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from quizapp.scheduling import (
    CardRecord, Rating, Recall, ReviewEvent, State, new_card, rating_for, review,
)
from quizapp.store.codec import _bool, _card, _day, _dt, _json, _now, _ts, _unjson, _utc, _where
from quizapp.store.errors import _guarded
from quizapp.store.fits import FitsMixin
from quizapp.store.recalls import RecallsMixin
from quizapp.store.records import ReviewRecord

#: Reviews that count: an answer that was overruled is counted as its overrule.
_NOT_OVERRULED = "id NOT IN (SELECT overrules FROM reviews WHERE overrules IS NOT NULL)"


def _card_record(row: tuple) -> CardRecord:
    return CardRecord(question_id=row[10], card=_card(row), content_hash=row[11], reps=row[7],
                      lapses=row[8])


def _with_recalls(cards: dict[str, CardRecord], recalls: dict[str, Recall]) -> dict[str, CardRecord]:
    """``cards`` with each open recall attached; a recalled question without a card gets a new
    one (never reviewed, due when it was recalled)."""
    for qid, recall in recalls.items():
        record = cards.get(qid)
        cards[qid] = replace(record, recall=recall) if record is not None else CardRecord(
            question_id=qid, card=new_card(0, recall.recalled_at), recall=recall)
    return cards


class ReviewsMixin(FitsMixin, RecallsMixin):
    """Reads and writes ``cards`` and ``reviews`` (and closes ``recalls`` on a review)."""

    @_guarded("recording a review")
    def record_review(self, question_id: str, rating: Rating | int | None = None, *,
                      correct: bool | None = None, self_grade: float | None = None,
                      answer: Any = None, duration_ms: int | None = None,
                      content_hash: str | None = None, when: datetime | None = None,
                      source: str = "quiz", mock_session_id: int | None = None) -> ReviewRecord:
        """Append a review and move the question's FSRS card, in one transaction.

        ``rating`` defaults to :func:`quizapp.scheduling.rating_for` of ``correct`` (auto-graded)
        or ``self_grade`` (share of key points covered, 0..1). ``answer`` is any JSON value.
        ``content_hash`` is the question's hash now; the card keeps it (see ``is_changed``).
        """
        if rating is None:
            rating = rating_for(correct=correct, share=self_grade)
        rating = Rating(int(rating))
        when = _utc(when)
        scheduler = self.scheduler
        with self._write() as conn:
            row = conn.execute(
                "SELECT card_id, state, step, stability, difficulty, due, last_review, reps, lapses,"
                " created_at FROM cards WHERE question_id = ?", (question_id,)).fetchone()
            if row is None:
                card_id = conn.execute(
                    "SELECT COALESCE(MAX(card_id), 0) + 1 FROM cards").fetchone()[0]
                card, reps, lapses, created = new_card(card_id, when), 0, 0, _ts(when)
            else:
                card = _card(row)
                reps, lapses, created = row[7], row[8], row[9]
            lapsed = card.state == State.Review and rating == Rating.Again
            card, _ = review(card, rating, when, scheduler, duration_ms)
            due = _ts(card.due)
            conn.execute(
                "INSERT INTO cards (question_id, card_id, state, step, stability, difficulty, due,"
                " last_review, content_hash, reps, lapses, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (question_id) DO UPDATE SET state = excluded.state,"
                " step = excluded.step, stability = excluded.stability,"
                " difficulty = excluded.difficulty, due = excluded.due,"
                " last_review = excluded.last_review,"
                " content_hash = COALESCE(excluded.content_hash, cards.content_hash),"
                " reps = excluded.reps, lapses = excluded.lapses, updated_at = excluded.updated_at",
                (question_id, card.card_id, int(card.state), card.step, card.stability,
                 card.difficulty, due, _ts(card.last_review), content_hash, reps + 1,
                 lapses + lapsed, created, _ts(when)))
            cursor = conn.execute(
                "INSERT INTO reviews (question_id, reviewed_at, day, answer, correct, self_grade,"
                " rating, duration_ms, content_hash, state, stability, difficulty, due, source,"
                " mock_session_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (question_id, _ts(when), _day(when), _json(answer),
                 None if correct is None else int(bool(correct)), self_grade, int(rating),
                 duration_ms, content_hash, int(card.state), card.stability, card.difficulty,
                 due, source, mock_session_id))
            review_id = cursor.lastrowid
            conn.execute("UPDATE recalls SET answered_at = ? WHERE question_id = ?"
                         " AND answered_at IS NULL", (_ts(when), question_id))
        return ReviewRecord(
            id=review_id, question_id=question_id, reviewed_at=when, rating=int(rating),
            answer=answer, correct=correct, self_grade=self_grade, duration_ms=duration_ms,
            content_hash=content_hash, source=source, mock_session_id=mock_session_id,
            state=int(card.state), stability=card.stability, difficulty=card.difficulty,
            due=card.due)

    @_guarded("overruling a review")
    def overrule_review(self, review_id: int) -> ReviewRecord:
        """"I was right": the learner overrules the automatic "wrong" of review ``review_id``
        (``23`` against ``23.0``). A review rated Good that names it (``overrules``) is appended,
        and the question's card becomes what it would be had that answer been right: its
        reviews are replayed with the overruled one as Good. Only the question's latest review,
        an automatically checked wrong answer not overruled yet, can be overruled."""
        scheduler = self.scheduler
        with self._write() as conn:
            row = conn.execute(
                "SELECT question_id, reviewed_at, answer, correct, duration_ms, content_hash,"
                " source, mock_session_id FROM reviews WHERE id = ?", (review_id,)).fetchone()
            if row is None:
                raise ValueError(f"no review {review_id}")
            qid, at, answer, correct, duration, content_hash, source, mock_id = row
            latest = conn.execute("SELECT MAX(id) FROM reviews WHERE question_id = ? AND"
                                  f" {_NOT_OVERRULED}", (qid,)).fetchone()[0]
            if correct != 0 or latest != review_id:
                raise ValueError("only the latest automatic 'wrong' of a question can be "
                                 "overruled")
            history = conn.execute(
                "SELECT id, reviewed_at, rating, duration_ms FROM reviews WHERE question_id = ?"
                " AND overrules IS NULL ORDER BY id", (qid,)).fetchall()
            card_id = conn.execute("SELECT card_id FROM cards WHERE question_id = ?",
                                   (qid,)).fetchone()[0]
            overruled = {review_id} | {r[0] for r in conn.execute(
                "SELECT overrules FROM reviews WHERE question_id = ? AND overrules IS NOT NULL",
                (qid,))}
            card, lapses = new_card(card_id, _dt(history[0][1])), 0
            for rid, when, rating, ms in history:
                rating = Rating.Good if rid in overruled else Rating(rating)
                lapses += card.state == State.Review and rating == Rating.Again
                card, _ = review(card, rating, _dt(when), scheduler, ms)
            cursor = conn.execute(
                "INSERT INTO reviews (question_id, reviewed_at, day, answer, correct, rating,"
                " duration_ms, content_hash, state, stability, difficulty, due, source,"
                " mock_session_id, overrules) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (qid, at, _day(_dt(at)), answer, int(Rating.Good), duration, content_hash,
                 int(card.state), card.stability, card.difficulty, _ts(card.due), source, mock_id,
                 review_id))
            conn.execute(
                "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?,"
                " last_review = ?, lapses = ?, updated_at = ? WHERE question_id = ?",
                (int(card.state), card.step, card.stability, card.difficulty, _ts(card.due),
                 _ts(card.last_review), lapses, _ts(_now()), qid))
        return ReviewRecord(
            id=cursor.lastrowid, question_id=qid, reviewed_at=_dt(at), rating=int(Rating.Good),
            answer=_unjson(answer), correct=True, duration_ms=duration, content_hash=content_hash,
            source=source, mock_session_id=mock_id, state=int(card.state),
            stability=card.stability, difficulty=card.difficulty, due=card.due,
            overrules=review_id)

    _CARD_COLUMNS = ("card_id, state, step, stability, difficulty, due, last_review, reps, lapses,"
                     " created_at, question_id, content_hash")

    @_guarded("reading a card")
    def card(self, question_id: str) -> CardRecord | None:
        """The question's card, or None when it was never reviewed (nor recalled: see
        :meth:`cards`)."""
        row = self._conn.execute(f"SELECT {self._CARD_COLUMNS} FROM cards WHERE question_id = ?",
                                 (question_id,)).fetchone()
        record = _card_record(row) if row else None
        return _with_recalls({question_id: record} if record else {},
                             self._open_recalls(question_id)).get(question_id)

    @_guarded("carrying cards over to renamed questions")
    def adopt_aliases(self, aliases: dict[str, str]) -> int:
        """Give each merged or renamed question the card of its old id (``aliases``: old id ->
        new id, from the banks) when it has none of its own yet; returns how many moved. The
        review log keeps the old ids: it is history, and append-only."""
        if not aliases:
            return 0
        with self._write() as conn:
            have = {row[0] for row in conn.execute("SELECT question_id FROM cards")}
            moved = 0
            for old, new in aliases.items():
                if old in have and new not in have:
                    conn.execute("UPDATE cards SET question_id = ? WHERE question_id = ?", (new, old))
                    conn.execute("UPDATE recalls SET question_id = ? WHERE question_id = ?"
                                 " AND answered_at IS NULL", (new, old))
                    have.discard(old)
                    have.add(new)
                    moved += 1
            return moved

    @_guarded("reading the cards")
    def cards(self) -> dict[str, CardRecord]:
        """Every card, keyed by question id.

        A question that a failed kata check brought back carries its :class:`Recall` (and
        counts as due, see :func:`quizapp.scheduling.is_due`); one recalled before it was ever
        reviewed appears with a new card and ``reps == 0``.
        """
        with self.snapshot():
            rows = self._conn.execute(f"SELECT {self._CARD_COLUMNS} FROM cards").fetchall()
            recalls = self._open_recalls()
        return _with_recalls({row[10]: _card_record(row) for row in rows}, recalls)

    @_guarded("counting due cards")
    def due_count(self, now: datetime | None = None) -> int:
        """Cards FSRS has due at ``now`` (edited questions not included: see scheduling)."""
        return self._conn.execute("SELECT COUNT(*) FROM cards WHERE due <= ?",
                                  (_ts(_utc(now)),)).fetchone()[0]

    @_guarded("reading reviews")
    def reviews(self, question_id: str | None = None, *, since: datetime | None = None,
                limit: int | None = None) -> list[ReviewRecord]:
        """Reviews, oldest first (the last ``limit`` of them when given)."""
        where, params = _where(question_id=question_id, since=("reviewed_at", since))
        sql = (f"SELECT id, question_id, reviewed_at, rating, answer, correct, self_grade,"
               f" duration_ms, content_hash, source, mock_session_id, state, stability,"
               f" difficulty, due, overrules FROM reviews {where} ORDER BY id DESC")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        rows = self._conn.execute(sql, params).fetchall()
        return [ReviewRecord(
            id=r[0], question_id=r[1], reviewed_at=_dt(r[2]), rating=r[3], answer=_unjson(r[4]),
            correct=_bool(r[5]), self_grade=r[6], duration_ms=r[7], content_hash=r[8],
            source=r[9], mock_session_id=r[10], state=r[11], stability=r[12], difficulty=r[13],
            due=_dt(r[14]), overrules=r[15]) for r in reversed(rows)]

    @_guarded("counting reviews")
    def review_count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM reviews WHERE overrules IS NULL"
                                  ).fetchone()[0]

    @_guarded("reading the review log")
    def review_events(self) -> list[ReviewEvent]:
        """The question review log as FSRS's optimizer and the calibration read it (card, time,
        rating, duration, local day), oldest first; lean enough for 100k reviews."""
        return [ReviewEvent(qid, _dt(at), rating, duration, date.fromisoformat(day))
                for qid, at, rating, duration, day in self._conn.execute(
                    "SELECT question_id, reviewed_at, rating, duration_ms, day FROM reviews"
                    f" WHERE {_NOT_OVERRULED} ORDER BY id")]

    @_guarded("reading activity")
    def reviews_per_day(self) -> dict[date, int]:
        """Reviews per local day, oldest first."""
        rows = self._conn.execute("SELECT day, COUNT(*) FROM reviews WHERE overrules IS NULL"
                                  " GROUP BY day ORDER BY day")
        return {date.fromisoformat(day): n for day, n in rows}

    @_guarded("reading activity")
    def activity_days(self) -> set[date]:
        """Local days with any practice: a review, a kata attempt or a mock interview."""
        days: set[str] = set()
        for table in ("reviews", "kata_attempts", "mock_sessions"):
            # Hop from one distinct day to the next through the index: one seek per day
            # instead of a scan of every row.
            days.update(day for (day,) in self._conn.execute(
                f"WITH RECURSIVE d (day) AS (SELECT MIN(day) FROM {table} UNION ALL"
                f" SELECT (SELECT MIN(day) FROM {table} WHERE day > d.day) FROM d"
                f" WHERE d.day IS NOT NULL) SELECT day FROM d WHERE day IS NOT NULL"))
        return {date.fromisoformat(day) for day in days}
