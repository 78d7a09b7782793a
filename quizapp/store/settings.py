"""The learner's settings (language, theme, target date, ...): JSON values by key.

Table: ``settings``.
"""

from __future__ import annotations

import json
from typing import Any

from quizapp.store.codec import _json, _now, _ts
from quizapp.store.connection import StoreConnection
from quizapp.store.errors import _guarded


class SettingsMixin(StoreConnection):
    """Reads and writes ``settings``."""

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
