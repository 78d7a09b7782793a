"""Looking after the whole file: every row of a table for export, the integrity check, and
erasing the progress.

:class:`MaintenanceMixin` deletes from every progress table (:data:`PROGRESS_TABLES`; settings,
the scheduler's parameters and the fits stay); :func:`quizapp.store.reset.reset_database` backs
the file up first (:func:`quizapp.store.connection.backup_database`), for ``quizapp reset``.
"""

from __future__ import annotations

from typing import Any

from quizapp.store.codec import _bool, _unjson
from quizapp.store.connection import StoreConnection
from quizapp.store.errors import _guarded

# In deletion order: rows that reference others first.
PROGRESS_TABLES = ("mock_items", "recalls", "reviews", "kata_attempts", "mock_sessions", "cards",
                   "kata_cards")
JSON_COLUMNS = {"reviews": ("answer",), "kata_attempts": ("report",),
                "mock_sessions": ("plan", "scores", "report"), "mock_items": ("answer", "verdict"),
                "recalls": ("checks",)}


class MaintenanceMixin(StoreConnection):
    """Reads every progress table; deletes from all of them in :meth:`erase_progress`."""

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
