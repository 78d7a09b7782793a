"""The FSRS scheduler in use, the learner's fitted parameters and their desired retention.

Tables: ``fsrs_scheduler`` (one row: the scheduler's parameters as JSON) and ``fsrs_fits``
(one row per fit of the learner's parameters).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime

from quizapp.scheduling import Scheduler, default_scheduler, scheduler_for
from quizapp.store.codec import _dt, _json, _now, _ts, _unjson, _utc
from quizapp.store.connection import StoreConnection
from quizapp.store.errors import _guarded, _wrap
from quizapp.store.records import StoredFit


class FitsMixin(StoreConnection):
    """Reads and writes ``fsrs_scheduler`` and ``fsrs_fits``."""

    @property
    def scheduler(self) -> Scheduler:
        """The FSRS scheduler stored with this database: FSRS-6's default parameters until the
        learner's own are fitted (:meth:`save_fit`), and their desired retention
        (:meth:`set_desired_retention`). Read again when another process changed it."""
        with self._lock:
            try:
                row = self._conn.execute(
                    "SELECT params FROM fsrs_scheduler WHERE id = 1").fetchone()
            except sqlite3.Error as exc:
                raise _wrap(exc, self.path, "reading the scheduler", self.busy_timeout_ms) from exc
            text = row[0] if row else None
            if self._scheduler is None or text != self._scheduler_json:
                self._scheduler = Scheduler.from_json(text) if text else default_scheduler()
                self._scheduler_json = text
            return self._scheduler

    def _replace_scheduler(self, conn: sqlite3.Connection, scheduler: Scheduler) -> None:
        conn.execute(
            "INSERT INTO fsrs_scheduler (id, params, updated_at) VALUES (1, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET params = excluded.params,"
            " updated_at = excluded.updated_at", (scheduler.to_json(), _ts(_now())))

    @property
    def desired_retention(self) -> float:
        """The share of reviews the learner wants to get right (default 0.9)."""
        return float(self.scheduler.desired_retention)

    @_guarded("saving the desired retention")
    def set_desired_retention(self, value: float) -> float:
        """Schedule from now on for ``value`` (0.70..0.97, else ValueError); returns it."""
        with self._write() as conn:
            scheduler = scheduler_for(desired_retention=value, base=self.scheduler)
            self._replace_scheduler(conn, scheduler)
        return float(scheduler.desired_retention)

    @_guarded("saving the fitted FSRS parameters")
    def save_fit(self, parameters: Iterable[float], *, reviews: int, reviews_used: int,
                 optimal_retention: float | None = None, optimal_retention_note: str | None = None,
                 metrics: dict | None = None, seconds: float | None = None,
                 when: datetime | None = None) -> StoredFit:
        """Keep a fit and schedule with its ``parameters`` from now on (the desired retention,
        learning steps and the rest stay), in one transaction. Parameters FSRS refuses (out of
        their bounds, not 21 of them) raise ValueError and change nothing."""
        parameters = tuple(float(p) for p in parameters)
        when = _utc(when)
        with self._write() as conn:
            self._replace_scheduler(conn, scheduler_for(parameters=parameters,
                                                        base=self.scheduler))
            fit_id = conn.execute(
                "INSERT INTO fsrs_fits (fitted_at, reviews, reviews_used, parameters,"
                " optimal_retention, optimal_retention_note, metrics, seconds)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (_ts(when), int(reviews), int(reviews_used), _json(list(parameters)),
                 optimal_retention, optimal_retention_note, _json(metrics), seconds)).lastrowid
        return StoredFit(fit_id, when, int(reviews), int(reviews_used), parameters,
                         optimal_retention, optimal_retention_note, metrics, seconds)

    @_guarded("reading the FSRS fits")
    def fits(self, limit: int | None = None) -> list[StoredFit]:
        """Fits of the learner's parameters, newest first."""
        sql = ("SELECT id, fitted_at, reviews, reviews_used, parameters, optimal_retention,"
               " optimal_retention_note, metrics, seconds FROM fsrs_fits ORDER BY id DESC")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [StoredFit(r[0], _dt(r[1]), r[2], r[3], tuple(_unjson(r[4])), r[5], r[6],
                          _unjson(r[7]), r[8]) for r in self._conn.execute(sql)]

    def last_fit(self) -> StoredFit | None:
        """The newest fit (whose parameters are in use), or None before the first."""
        fits = self.fits(limit=1)
        return fits[0] if fits else None
