"""The progress store: one SQLite file holding cards, reviews, kata attempts, mock interviews
and settings.

Rules this module keeps, so that nothing committed is ever lost:

- WAL journal, ``synchronous=FULL``: a commit is on disk before ``record_*`` returns, so a killed
  process, a crash or a power cut loses at most the write in flight. (``NORMAL`` would be safe
  against a killed process too, but may lose the last commits on a power cut; one fsync per
  answer is cheap next to the seconds a learner spends answering.)
- Every write is one short ``BEGIN IMMEDIATE`` transaction: the write lock is taken up front, so
  two processes (the TUI and a ``quizapp grade`` in another terminal) queue behind each other
  through the busy timeout instead of failing on a read-to-write upgrade.
- A file that is not a readable SQLite database, that belongs to another program, or that a
  newer quizapp wrote (a schema version this one does not know) raises :class:`StoreError`
  naming the file, before anything is written to it.
- Schema changes are sqlite-utils ``Migrations`` (named, applied once, each in a transaction);
  ``PRAGMA user_version`` mirrors the number applied. An upgrade first copies the file aside.

Times are stored as ISO 8601 text in UTC; ``day`` columns hold the learner's local date of the
event (for streaks and activity). JSON columns hold ``json.dumps`` text.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from quizapp.kata_rating import kata_rating
from quizapp.kata_schedule import KATA_CARD_PREFIX, failed_checks, kata_scheduler
from quizapp.scheduling import (
    Card, CardRecord, Rating, Recall, ReviewEvent, Scheduler, State, default_scheduler, new_card,
    rating_for, review, scheduler_for,
)

__all__ = [
    "BUSY_TIMEOUT_MS", "KATA_CARD_PREFIX", "KATA_SITTING", "KataAttempt", "KataStatus",
    "MIGRATIONS", "MockItem", "MockSession", "ReviewRecord", "SCHEMA_VERSION", "Store",
    "StoreError", "StoredFit", "backup_database", "reset_database",
]

BUSY_TIMEOUT_MS = 5000
SYNCHRONOUS = "FULL"
MIGRATION_SET = "quizapp"
KATA_STATUSES = ("pass", "fail", "error")
MOCK_ITEM_KINDS = ("question", "kata")
# In deletion order: rows that reference others first.
PROGRESS_TABLES = ("mock_items", "recalls", "reviews", "kata_attempts", "mock_sessions", "cards",
                   "kata_cards")
JSON_COLUMNS = {"reviews": ("answer",), "kata_attempts": ("report",),
                "mock_sessions": ("plan", "scores", "report"), "mock_items": ("answer", "verdict"),
                "recalls": ("checks",)}
#: Attempts at one kata this close together are one sitting: a fail right after a fail (or a pass
#: right after a pass) is the learner still typing, or the workbench re-grading on save, not a
#: new recall, so it leaves the kata's card as it is.
KATA_SITTING = timedelta(hours=2)


class StoreError(Exception):
    """The progress database cannot be used. The message names the file and what to do.

    ``kind`` is one of ``corrupt``, ``newer``, ``foreign`` (someone else's database), ``busy``
    (another process held the write lock too long) or ``io`` (cannot open, read-only, ...).
    """

    def __init__(self, message: str, *, path: Path | None = None, kind: str = "io"):
        super().__init__(message)
        self.path = path
        self.kind = kind


# --------------------------------------------------------------------------------------------
# Schema. Migrations are append-only: never edit one that has shipped, add a new one.

def _migrations():
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)

    @migrations(name="m001_progress")
    def m001_progress(db):
        for sql in (
            """CREATE TABLE cards (
                question_id TEXT PRIMARY KEY,
                card_id INTEGER NOT NULL UNIQUE,
                state INTEGER NOT NULL CHECK (state IN (1, 2, 3)),
                step INTEGER,
                stability REAL,
                difficulty REAL,
                due TEXT NOT NULL,
                last_review TEXT,
                content_hash TEXT,
                reps INTEGER NOT NULL DEFAULT 0,
                lapses INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)""",
            "CREATE INDEX cards_due ON cards (due)",
            """CREATE TABLE reviews (
                id INTEGER PRIMARY KEY,
                question_id TEXT NOT NULL,
                reviewed_at TEXT NOT NULL,
                day TEXT NOT NULL,
                answer TEXT,
                correct INTEGER CHECK (correct IN (0, 1)),
                self_grade REAL CHECK (self_grade BETWEEN 0 AND 1),
                rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
                duration_ms INTEGER,
                content_hash TEXT,
                state INTEGER,
                stability REAL,
                difficulty REAL,
                due TEXT)""",
            "CREATE INDEX reviews_question ON reviews (question_id, reviewed_at)",
            "CREATE INDEX reviews_day ON reviews (day)",
            """CREATE TABLE kata_attempts (
                id INTEGER PRIMARY KEY,
                kata_id TEXT NOT NULL,
                attempted_at TEXT NOT NULL,
                day TEXT NOT NULL,
                device TEXT,
                status TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'error')),
                duration_s REAL,
                code TEXT,
                report TEXT)""",
            "CREATE INDEX kata_attempts_kata ON kata_attempts (kata_id, attempted_at)",
            "CREATE INDEX kata_attempts_day ON kata_attempts (day)",
            """CREATE TABLE settings (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_at TEXT NOT NULL)""",
            """CREATE TABLE fsrs_scheduler (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                params TEXT NOT NULL,
                updated_at TEXT NOT NULL)""",
        ):
            db.execute(sql)
        db["fsrs_scheduler"].insert(
            {"id": 1, "params": default_scheduler().to_json(), "updated_at": _ts(_now())})
        db.execute("PRAGMA user_version = 1")

    @migrations(name="m002_mock_interviews")
    def m002_mock_interviews(db):
        for sql in (
            """CREATE TABLE mock_sessions (
                id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                day TEXT NOT NULL,
                minutes INTEGER,
                seed INTEGER,
                plan TEXT,
                scores TEXT,
                report TEXT)""",
            "CREATE INDEX mock_sessions_started ON mock_sessions (started_at)",
            "CREATE INDEX mock_sessions_day ON mock_sessions (day)",
            """CREATE TABLE mock_items (
                id INTEGER PRIMARY KEY,
                session_id INTEGER NOT NULL REFERENCES mock_sessions (id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('question', 'kata')),
                item_id TEXT NOT NULL,
                answer TEXT,
                correct INTEGER CHECK (correct IN (0, 1)),
                score REAL,
                time_used_s REAL,
                verdict TEXT,
                recorded_at TEXT NOT NULL)""",
            "CREATE INDEX mock_items_session ON mock_items (session_id, position)",
            "ALTER TABLE reviews ADD COLUMN source TEXT NOT NULL DEFAULT 'quiz'",
            "ALTER TABLE reviews ADD COLUMN mock_session_id INTEGER REFERENCES mock_sessions (id)",
            "ALTER TABLE kata_attempts ADD COLUMN source TEXT NOT NULL DEFAULT 'cli'",
            "ALTER TABLE kata_attempts ADD COLUMN mock_session_id INTEGER "
            "REFERENCES mock_sessions (id)",
        ):
            db.execute(sql)
        db.execute("PRAGMA user_version = 2")

    @migrations(name="m003_adaptive_schedule")
    def m003_adaptive_schedule(db):
        for sql in (
            # Each fit of the learner's own FSRS parameters; the newest is also written into
            # fsrs_scheduler, the scheduler in use.
            """CREATE TABLE fsrs_fits (
                id INTEGER PRIMARY KEY,
                fitted_at TEXT NOT NULL,
                reviews INTEGER NOT NULL,
                reviews_used INTEGER NOT NULL,
                parameters TEXT NOT NULL,
                optimal_retention REAL,
                optimal_retention_note TEXT,
                metrics TEXT,
                seconds REAL)""",
            """CREATE TABLE kata_cards (
                kata_id TEXT PRIMARY KEY,
                card_id INTEGER NOT NULL UNIQUE,
                state INTEGER NOT NULL CHECK (state IN (1, 2, 3)),
                step INTEGER,
                stability REAL,
                difficulty REAL,
                due TEXT NOT NULL,
                last_review TEXT,
                reps INTEGER NOT NULL DEFAULT 0,
                lapses INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL)""",
            "CREATE INDEX kata_cards_due ON kata_cards (due)",
            # Questions a failed kata check brought back; open until the question's next review.
            """CREATE TABLE recalls (
                id INTEGER PRIMARY KEY,
                question_id TEXT NOT NULL,
                kata_id TEXT NOT NULL,
                checks TEXT NOT NULL,
                attempt_id INTEGER REFERENCES kata_attempts (id) ON DELETE CASCADE,
                recalled_at TEXT NOT NULL,
                answered_at TEXT)""",
            "CREATE INDEX recalls_open ON recalls (question_id) WHERE answered_at IS NULL",
            "ALTER TABLE kata_attempts ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 4)",
            "ALTER TABLE kata_attempts ADD COLUMN hints_used INTEGER",
            "ALTER TABLE kata_attempts ADD COLUMN time_taken_s REAL",
        ):
            db.execute(sql)
        db.execute("PRAGMA user_version = 3")

    @migrations(name="m004_overrules")
    def m004_overrules(db):
        # "I was right": a review that overrules an automatic "wrong" names it. The overruled
        # row stays (the log is append-only); readers count the overrule in its place.
        db.execute("ALTER TABLE reviews ADD COLUMN overrules INTEGER REFERENCES reviews (id)")
        db.execute("PRAGMA user_version = 4")

    return migrations


MIGRATION_NAMES = ("m001_progress", "m002_mock_interviews", "m003_adaptive_schedule",
                   "m004_overrules")
SCHEMA_VERSION = len(MIGRATION_NAMES)


class _LazyMigrations:
    """The sqlite-utils ``Migrations`` set, built on first use: importing sqlite-utils costs a
    few hundred milliseconds, and an up-to-date database never needs it."""

    _value = None

    def __getattr__(self, name):
        if _LazyMigrations._value is None:
            _LazyMigrations._value = _migrations()
        return getattr(_LazyMigrations._value, name)


MIGRATIONS = _LazyMigrations()


# --------------------------------------------------------------------------------------------
# Records

@dataclass(frozen=True)
class ReviewRecord:
    """One row of the append-only review log (the card's state after the review included)."""

    id: int
    question_id: str
    reviewed_at: datetime
    rating: int
    answer: Any = None
    correct: bool | None = None
    self_grade: float | None = None
    duration_ms: int | None = None
    content_hash: str | None = None
    source: str = "quiz"
    mock_session_id: int | None = None
    state: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    overrules: int | None = None  # the id of the review this one overrules ("I was right")


@dataclass(frozen=True)
class KataAttempt:
    id: int
    kata_id: str
    attempted_at: datetime
    status: str
    device: str | None = None
    duration_s: float | None = None
    code: str | None = None
    report: dict | None = None
    source: str = "cli"
    mock_session_id: int | None = None
    rating: int | None = None  # what the kata's card was reviewed with (None: left as it was)
    hints_used: int | None = None
    time_taken_s: float | None = None


@dataclass(frozen=True)
class StoredFit:
    """One fit of the learner's FSRS parameters: when, from how many reviews (``reviews`` in the
    log, ``reviews_used`` the optimizer learnt from), the 21 parameters, py-fsrs's optimal
    retention (or the reason it is missing), the metrics before and after, and the fit's time."""

    id: int
    fitted_at: datetime
    reviews: int
    reviews_used: int
    parameters: tuple[float, ...]
    optimal_retention: float | None = None
    optimal_retention_note: str | None = None
    metrics: dict | None = None
    seconds: float | None = None


@dataclass(frozen=True)
class KataStatus:
    """``status`` is ``never`` (no attempt), ``failing`` (attempts, none passed) or ``passed``."""

    kata_id: str
    status: str
    attempts: int = 0
    last_attempt_at: datetime | None = None
    last_status: str | None = None
    first_passed_at: datetime | None = None
    last_passed_at: datetime | None = None


@dataclass(frozen=True)
class MockItem:
    id: int
    session_id: int
    position: int
    kind: str
    item_id: str
    answer: Any = None
    correct: bool | None = None
    score: float | None = None
    time_used_s: float | None = None
    verdict: Any = None
    recorded_at: datetime | None = None


@dataclass(frozen=True)
class MockSession:
    id: int
    started_at: datetime
    finished_at: datetime | None = None
    minutes: int | None = None
    seed: int | None = None
    plan: Any = None
    scores: Any = None
    report: Any = None
    items: tuple[MockItem, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------------------------
# Helpers

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


def _quote(path: Path) -> str:
    return f"'{path}'"


def _error_code(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def _wrap(exc: sqlite3.Error, path: Path, doing: str,
          busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> StoreError:
    """A sqlite3 error as a StoreError that names the file and says what to do."""
    text = str(exc)
    name = _error_code(exc)
    if "locked" in text or "busy" in text or name.startswith("SQLITE_BUSY"):
        return StoreError(
            f"the progress database {_quote(path)} is busy: another quizapp process held its "
            f"write lock for more than {busy_timeout_ms / 1000:g} s while {doing}; try again",
            path=path, kind="busy")
    if ("not a database" in text or "malformed" in text or "corrupt" in text
            or name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))):
        return _corrupt(path, text)
    if "readonly" in text or "read-only" in text:
        return StoreError(f"cannot write to the progress database {_quote(path)}: the file or its "
                          f"folder is read-only ({text})", path=path, kind="io")
    return StoreError(f"the progress database {_quote(path)} failed while {doing}: {text}",
                      path=path, kind="io")


def _corrupt(path: Path, detail: str) -> StoreError:
    return StoreError(
        f"{_quote(path)} is not a readable quizapp progress database ({detail}). It was left "
        f"untouched. Move it aside, point --db or QUIZAPP_DB elsewhere, or run "
        f"`quizapp reset --yes --db {path}` to keep it as a backup and start afresh.",
        path=path, kind="corrupt")


def _guarded(doing: str):
    """Method decorator: hold the store's lock; turn sqlite3 errors into StoreError.

    ``sqlite3.IntegrityError`` (a value the schema refuses) passes through unchanged: it is
    the caller's mistake, not the file's.
    """

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            with self._lock:
                try:
                    return method(self, *args, **kwargs)
                except sqlite3.IntegrityError:
                    raise
                except sqlite3.Error as exc:
                    raise _wrap(exc, self.path, doing, self.busy_timeout_ms) from exc
        return wrapper

    return decorate


# --------------------------------------------------------------------------------------------
# The store

class Store:
    """A connection to the progress database. Use :meth:`open`; close it (or use ``with``).

    One Store may be shared by threads (a TUI worker records a grade while the UI reads):
    calls are serialised by a lock.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS):
        self._conn = conn
        self.path = path
        self.busy_timeout_ms = busy_timeout_ms
        self._lock = threading.RLock()
        self._depth = 0
        self._scheduler: Scheduler | None = None
        self._scheduler_json: str | None = None  # the stored text self._scheduler was built from
        self.backup_path: Path | None = None  # where an upgrade copied the old file, if it did

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = True, check: bool = True,
             busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Store:
        """Open (creating when missing, with ``create``) and upgrade the database at ``path``.

        Raises :class:`StoreError` naming the file when it is not a readable SQLite database
        (``check`` runs ``PRAGMA quick_check``), belongs to another program, or was written by
        a newer quizapp. Nothing is written to such a file. A write waits up to
        ``busy_timeout_ms`` for another process's write to finish. ``":memory:"`` opens a
        database that lives only as long as the Store (for tests and previews).
        """
        memory = str(path) == ":memory:"
        path = Path(path).expanduser()
        if not memory and path.exists() and not path.is_file():
            raise StoreError(f"the progress database {_quote(path)} is not a file", path=path)
        if not memory and not path.exists():
            if not create:
                raise StoreError(f"no progress database at {_quote(path)}", path=path)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the progress database "
                                 f"{_quote(path)}: {exc}", path=path) from exc
        try:
            conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the progress database {_quote(path)}: {exc}",
                             path=path) from exc
        try:
            store = cls(conn, path, busy_timeout_ms)
            store._prepare(check)
            return store
        except sqlite3.Error as exc:
            conn.close()
            raise _wrap(exc, path, "opening it", busy_timeout_ms) from exc
        except BaseException:
            conn.close()
            raise

    def _prepare(self, check: bool) -> None:
        conn, path = self._conn, self.path
        conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
        try:
            if check:
                problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
                if problems != ["ok"]:
                    raise _corrupt(path, "; ".join(problems[:3]))
            version, applied = _schema_state(conn)
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            raise _corrupt(path, str(exc)) from exc
        _refuse_unknown(conn, path, version, applied)
        # Only now, with the file known to be ours and readable, write to it.
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() not in ("wal", "memory"):
            raise StoreError(f"cannot switch {_quote(path)} to WAL mode (got {mode}); is it on a "
                             f"network file system?", path=path)
        conn.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if len(applied) < SCHEMA_VERSION:
            self._migrate(had_data=bool(applied))

    def _migrate(self, had_data: bool) -> None:
        if had_data:  # an upgrade: keep a copy of the old file first
            self.backup_path = backup_database(self.path, conn=self._conn,
                                               label=f"v{_schema_state(self._conn)[0]}")
        from sqlite_utils import Database

        db = Database(self._conn, execute_plugins=False)
        with self._write():
            # Another process may have migrated between our check and the lock: re-read.
            _, applied = _schema_state(self._conn)
            if len(applied) < SCHEMA_VERSION:
                MIGRATIONS.apply(db)

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ---------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (BEGIN IMMEDIATE), or a savepoint inside :meth:`transaction`."""
        with self._lock:
            conn = self._conn
            if self._depth:
                name = f"sp{self._depth}"
                conn.execute(f"SAVEPOINT {name}")
                self._depth += 1
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO {name}")
                        conn.execute(f"RELEASE {name}")
                    raise
                else:
                    conn.execute(f"RELEASE {name}")
                finally:
                    self._depth -= 1
                return
            if conn.in_transaction:
                raise RuntimeError("cannot write inside Store.snapshot(); use transaction()")
            conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # the body failed, or COMMIT itself did (disk full)
                    conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group several writes into one commit: all of them are kept, or none.

        ``with store.transaction(): store.add_mock_item(...); store.finish_mock_session(...)``
        """
        try:
            with self._write():
                yield self
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise _wrap(exc, self.path, "writing", self.busy_timeout_ms) from exc

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Read several things from one consistent state of the database (no writes inside)."""
        with self._lock:
            if self._conn.in_transaction:  # already inside a snapshot or a transaction
                yield self
                return
            try:
                self._conn.execute("BEGIN")
            except sqlite3.Error as exc:
                raise _wrap(exc, self.path, "reading", self.busy_timeout_ms) from exc
            try:
                yield self
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    # -- FSRS cards and the review log ----------------------------------------------------

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

    # -- kata attempts --------------------------------------------------------------------

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

    # -- mock interviews ------------------------------------------------------------------

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

    # -- settings -------------------------------------------------------------------------

    @_guarded("reading a setting")
    def get_setting(self, key: str, default: Any = None) -> Any:
        """A setting (language, theme, target_date, ...): any JSON value."""
        row = self._conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    @_guarded("saving a setting")
    def set_setting(self, key: str, value: Any) -> None:
        """Store a JSON value; ``None`` removes the setting."""
        with self._write() as conn:
            if value is None:
                conn.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                conn.execute(
                    "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                    " updated_at = excluded.updated_at", (key, _json(value), _ts(_now())))

    @_guarded("reading settings")
    def settings(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._conn.execute(
            "SELECT key, value FROM settings ORDER BY key")}

    # -- maintenance ----------------------------------------------------------------------

    @_guarded("reading rows")
    def rows(self, table: str) -> list[dict[str, Any]]:
        """Every row of a progress table as stored, oldest first, for export: times stay ISO
        text, JSON columns are decoded, 0/1 columns ``correct`` become booleans."""
        if table not in PROGRESS_TABLES:
            raise ValueError(f"not a progress table: {table!r}")
        decode = JSON_COLUMNS.get(table, ())
        cursor = self._conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [d[0] for d in cursor.description]
        result = []
        for values in cursor:
            row = dict(zip(names, values))
            for column in decode:
                row[column] = _unjson(row[column])
            if "correct" in row:
                row["correct"] = _bool(row["correct"])
            result.append(row)
        return result

    @_guarded("checking integrity")
    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check``: ``['ok']`` for a sound file."""
        return [row[0] for row in self._conn.execute("PRAGMA integrity_check")]

    @_guarded("erasing progress")
    def erase_progress(self) -> None:
        """Delete cards (questions' and katas'), reviews, recalls, kata attempts and mock
        interviews (settings, the scheduler's parameters and the fits stay).
        :func:`reset_database` backs the file up first."""
        with self._write() as conn:
            for table in PROGRESS_TABLES:
                conn.execute(f"DELETE FROM {table}")

    @_guarded("backing up")
    def backup(self, target: str | os.PathLike) -> Path:
        """A consistent copy of the database (WAL content included) at ``target``."""
        target = Path(target)
        dest = sqlite3.connect(str(target))
        try:
            self._conn.backup(dest)
        finally:
            dest.close()
        return target


# --------------------------------------------------------------------------------------------
# Module helpers

#: Reviews that count: an answer that was overruled is counted as its overrule.
_NOT_OVERRULED = "id NOT IN (SELECT overrules FROM reviews WHERE overrules IS NOT NULL)"


def _where(since: tuple[str, datetime | None] | None = None, **equal: Any) -> tuple[str, list]:
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
    return Card(card_id=row[0], state=State(row[1]), step=row[2], stability=row[3],
                difficulty=row[4], due=_dt(row[5]), last_review=_dt(row[6]))


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



def _schema_state(conn: sqlite3.Connection) -> tuple[int, list[str]]:
    """``(user_version, names of our applied migrations)``; reads only."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    applied = []
    if has_table:
        applied = [name for (name,) in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
            (MIGRATION_SET,))]
    return version, applied


def _refuse_unknown(conn: sqlite3.Connection, path: Path, version: int, applied: list[str]) -> None:
    unknown = [name for name in applied if name not in MIGRATION_NAMES]
    if version > SCHEMA_VERSION or unknown:
        extra = f", migrations {', '.join(unknown)}" if unknown else ""
        raise StoreError(
            f"{_quote(path)} was written by a newer version of quizapp (schema version "
            f"{max(version, len(applied))}{extra}; this version knows up to {SCHEMA_VERSION}). "
            f"It was left untouched: upgrade quizapp, or point --db or QUIZAPP_DB elsewhere.",
            path=path, kind="newer")
    if not applied:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name")]
        if tables or version:
            shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(
                f"{_quote(path)} is an SQLite database but not a quizapp progress database "
                f"(tables: {shown or 'none'}; user_version {version}). It was left untouched: "
                f"point --db or QUIZAPP_DB at another file.", path=path, kind="foreign")


def _free_name(base: Path) -> Path:
    candidate, n = base, 1
    while candidate.exists():
        candidate = base.with_name(f"{base.name}-{n}")
        n += 1
    return candidate


def _backup_name(path: Path, label: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    return _free_name(path.with_name(f"{path.name}.{label}-{stamp}.bak"))


def backup_database(path: str | os.PathLike, *, conn: sqlite3.Connection | None = None,
                    label: str = "backup") -> Path:
    """Copy the database at ``path`` beside it (``<name>.<label>-<time>.bak``) and return the
    copy's path. Uses SQLite's backup API, so the copy is consistent even while others write."""
    path = Path(path)
    target = _backup_name(path, label)
    own = conn is None
    source = conn or sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        if own:
            source.close()
    return target


def reset_database(path: str | os.PathLike) -> tuple[Path | None, str]:
    """Erase progress at ``path``, backing it up first. Returns ``(backup, what_happened)``.

    A sound database is copied aside and its progress tables emptied (settings stay). A file
    that cannot be opened (corrupt, or from a newer quizapp) is renamed aside, with its -wal and
    -shm files, and a fresh database takes its place. Someone else's database is refused
    (StoreError). A missing file has nothing to reset: ``(None, ...)``.
    """
    path = Path(path)
    if not path.exists():
        return None, f"no progress database at {path}; nothing to reset"
    try:
        store = Store.open(path, create=False)
    except StoreError as exc:
        if exc.kind not in ("corrupt", "newer"):
            raise
        target = _backup_name(path, "unreadable")
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
        path.rename(target)
        Store.open(path).close()
        return target, (f"{path} could not be opened ({exc.kind}); moved it to {target} "
                        f"and started a fresh database")
    with store:
        target = store.backup(_backup_name(path, "backup"))
        store.erase_progress()
    return target, f"backed up {path} to {target}, then erased its progress"


def preferred_language(explicit: str | None, db: str | None) -> str:
    """``--lang`` when given, else the language the app remembers (when a database exists),
    else English. Never fails: the language is a nicety, a bad database is reported elsewhere."""
    if explicit in ("ko", "en"):
        return explicit
    try:
        from quizapp import paths

        path = paths.default_db_path(db)
        if path.is_file():
            with Store.open(path, create=False, check=False) as store:
                remembered = store.get_setting("language")
                if remembered in ("ko", "en"):
                    return remembered
    except Exception:  # noqa: BLE001
        pass
    return "en"
