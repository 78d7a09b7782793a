"""The progress store: one SQLite file holding cards, reviews, kata attempts, mock interviews
and settings.

Rules this package keeps, so that nothing committed is ever lost:

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

One module per concern:

- :mod:`~quizapp.store.errors`: :class:`StoreError`, and sqlite3's errors turned into it;
- :mod:`~quizapp.store.schema`: the migrations (append-only) and the checks that a file is ours
  and not newer;
- :mod:`~quizapp.store.records`: the frozen dataclasses the store returns;
- :mod:`~quizapp.store.codec`: how times, days, JSON and cards are kept in columns;
- :mod:`~quizapp.store.connection`: opening (WAL, busy timeout, the checks), transactions,
  snapshots and backups;
- :mod:`~quizapp.store.store`: the :class:`Store`, assembled from one mixin per group of tables:
  :mod:`~quizapp.store.reviews` (``cards``, ``reviews``), :mod:`~quizapp.store.katas`
  (``kata_attempts``, ``kata_cards``), :mod:`~quizapp.store.recalls` (``recalls``),
  :mod:`~quizapp.store.fits` (``fsrs_scheduler``, ``fsrs_fits``, the desired retention),
  :mod:`~quizapp.store.mocks` (``mock_sessions``, ``mock_items``),
  :mod:`~quizapp.store.settings` (``settings``) and :mod:`~quizapp.store.maintenance` (export
  rows, integrity check, erasing progress);
- :mod:`~quizapp.store.reset`: ``quizapp reset`` (:func:`reset_database`);

Import from the package (``from quizapp.store import Store``). sqlite-utils is imported only
when a migration runs, and nothing here imports torch: the TUI opens the store at start-up.
"""

from __future__ import annotations

from quizapp.kata_schedule import KATA_CARD_PREFIX
# The column codecs are private, but the benchmarks (and tests that write rows by hand) import
# them from here, as from the single module this package was.
from quizapp.store.codec import _bool as _bool
from quizapp.store.codec import _card as _card
from quizapp.store.codec import _day as _day
from quizapp.store.codec import _dt as _dt
from quizapp.store.codec import _json as _json
from quizapp.store.codec import _now as _now
from quizapp.store.codec import _ts as _ts
from quizapp.store.codec import _unjson as _unjson
from quizapp.store.codec import _utc as _utc
from quizapp.store.connection import SYNCHRONOUS, backup_database
from quizapp.store.errors import BUSY_TIMEOUT_MS, StoreError
from quizapp.store.katas import KATA_SITTING, KATA_STATUSES
from quizapp.store.maintenance import JSON_COLUMNS, PROGRESS_TABLES
from quizapp.store.mocks import MOCK_ITEM_KINDS
from quizapp.store.records import (
    KataAttempt, KataStatus, MockItem, MockSession, ReviewRecord, StoredFit,
)
from quizapp.store.reset import reset_database
from quizapp.store.schema import MIGRATION_NAMES, MIGRATION_SET, MIGRATIONS, SCHEMA_VERSION
from quizapp.store.store import Store

__all__ = [
    "BUSY_TIMEOUT_MS", "KATA_CARD_PREFIX", "KATA_SITTING", "KataAttempt", "KataStatus",
    "MIGRATIONS", "MockItem", "MockSession", "ReviewRecord", "SCHEMA_VERSION", "Store",
    "StoreError", "StoredFit", "backup_database", "reset_database",
    # the rest of the single module's public names, still importable from here
    "JSON_COLUMNS", "KATA_STATUSES", "MIGRATION_NAMES", "MIGRATION_SET", "MOCK_ITEM_KINDS",
    "PROGRESS_TABLES", "SYNCHRONOUS",
]
