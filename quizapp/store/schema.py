"""The schema of the progress database: sqlite-utils ``Migrations``, and the checks that the
file on disk is ours and not newer than this quizapp.

Migrations are append-only: never edit one that has shipped, add a new one (and its name to
:data:`MIGRATION_NAMES`). Each is named, applied once, in a transaction; ``PRAGMA user_version``
mirrors the number applied. sqlite-utils is imported only when a migration has to run
(:data:`MIGRATIONS` builds the set on first use): an up-to-date database never needs it.

Tables, by the migration that made them: ``cards``, ``reviews``, ``kata_attempts``,
``settings``, ``fsrs_scheduler`` (m001); ``mock_sessions``, ``mock_items`` (m002);
``fsrs_fits``, ``kata_cards``, ``recalls`` (m003); m004 adds ``reviews.overrules``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quizapp.scheduling import default_scheduler
from quizapp.store.codec import _now, _ts
from quizapp.store.errors import StoreError, _quote

MIGRATION_SET = "quizapp"


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
