"""What goes wrong with the progress database, as :class:`StoreError`: the message names the
file and says what to do.

:func:`_guarded` wraps every public read and write of the store: it holds the store's lock and
turns a ``sqlite3`` error into a :class:`StoreError` (:func:`_wrap`), so a caller handles one
exception type whatever SQLite said.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path

#: How long a write waits for another process's write lock before it fails as ``busy`` (the
#: busy message quotes it). Several writers (the TUI and a ``quizapp grade`` in another
#: terminal) queue behind each other within it.
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """The progress database cannot be used. The message names the file and what to do.

    ``kind`` is one of ``corrupt``, ``newer``, ``foreign`` (someone else's database), ``busy``
    (another process held the write lock too long) or ``io`` (cannot open, read-only, ...).
    """

    def __init__(self, message: str, *, path: Path | None = None, kind: str = "io"):
        super().__init__(message)
        self.path = path
        self.kind = kind


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
