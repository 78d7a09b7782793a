"""Opening the progress database and the transactions every write goes through.

:class:`StoreConnection` is the base of :class:`~quizapp.store.Store`: it opens the file
(refusing a corrupt, foreign or newer one before writing anything to it), switches it to WAL
with ``synchronous=FULL`` and a busy timeout, applies the migrations (after copying an older
file aside), and offers :meth:`~StoreConnection._write` (one ``BEGIN IMMEDIATE`` transaction,
or a savepoint inside :meth:`~StoreConnection.transaction`) and
:meth:`~StoreConnection.snapshot` (consistent reads). It owns no table.

Backups are SQLite's backup API, consistent even while others write: of an open Store
(:meth:`~StoreConnection.backup`), or of a file beside itself (:func:`backup_database`, which an
upgrade and ``quizapp reset`` use).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quizapp.scheduling import Scheduler
from quizapp.store.errors import BUSY_TIMEOUT_MS, StoreError, _corrupt, _guarded, _quote, _wrap
from quizapp.store.schema import MIGRATIONS, SCHEMA_VERSION, _refuse_unknown, _schema_state

if TYPE_CHECKING:
    from quizapp.store.store import Store

#: One fsync per commit: a commit is on disk before ``record_*`` returns (see the package).
SYNCHRONOUS = "FULL"


class StoreConnection:
    """The connection under a :class:`~quizapp.store.Store`: opening, its lock, transactions.

    One Store may be shared by threads (a TUI worker records a grade while the UI reads):
    calls are serialised by a lock (every public method takes it, see ``_guarded``).
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

    # -- backups --------------------------------------------------------------------------

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
