"""Questions a failed kata check brought back: due now, with the reason, until answered.

Table: ``recalls`` (one row per recall; open while ``answered_at`` is NULL). Reviewing the
question closes its recall (:meth:`~quizapp.store.reviews.ReviewsMixin.record_review`), and a
failed kata attempt opens them (:meth:`~quizapp.store.katas.KatasMixin.record_kata_attempt`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from quizapp.scheduling import Recall
from quizapp.store.codec import _dt, _json, _ts, _unjson, _utc
from quizapp.store.connection import StoreConnection
from quizapp.store.errors import _guarded


class RecallsMixin(StoreConnection):
    """Reads and writes ``recalls``."""

    def _open_recalls(self, question_id: str | None = None) -> dict[str, Recall]:
        """Open recalls by question, the oldest one of each question."""
        where, params = ("AND question_id = ?", (question_id,)) if question_id else ("", ())
        result: dict[str, Recall] = {}
        for qid, kata_id, checks, at, attempt_id in self._conn.execute(
                "SELECT question_id, kata_id, checks, recalled_at, attempt_id FROM recalls"
                f" WHERE answered_at IS NULL {where} ORDER BY id", params):
            result.setdefault(qid, Recall(qid, kata_id, tuple(_unjson(checks) or ()), _dt(at),
                                          attempt_id))
        return result

    @_guarded("reading recalled questions")
    def recalls(self) -> dict[str, Recall]:
        """Questions a failed kata check brought back and not reviewed since, with the reason
        (the kata and its failed checks), oldest first."""
        return self._open_recalls()

    @_guarded("recalling questions")
    def recall_questions(self, question_ids: Iterable[str], kata_id: str, checks: Iterable[str],
                         *, attempt_id: int | None = None, when: datetime | None = None) -> int:
        """Make ``question_ids`` due now because ``kata_id`` failed ``checks``; a question that
        is already recalled keeps its first reason. Returns how many were recalled."""
        return self._recall(question_ids, kata_id, tuple(checks), attempt_id, _utc(when))

    def _recall(self, question_ids: Iterable[str], kata_id: str, checks: tuple[str, ...],
                attempt_id: int | None, when: datetime) -> int:
        added = 0
        with self._write() as conn:
            for qid in dict.fromkeys(question_ids):
                if conn.execute("SELECT 1 FROM recalls WHERE question_id = ? AND answered_at IS"
                                " NULL", (qid,)).fetchone():
                    continue
                conn.execute(
                    "INSERT INTO recalls (question_id, kata_id, checks, attempt_id, recalled_at)"
                    " VALUES (?, ?, ?, ?, ?)", (qid, kata_id, _json(list(checks)), attempt_id,
                                                _ts(when)))
                added += 1
        return added
