"""What every command handler shares: the output language and the way errors are printed."""

from __future__ import annotations

import sys

from quizapp import paths
from quizapp.texts import DEFAULT_LANG, LANGS, tr


def language(args) -> str:
    """``--lang`` when given, else the language the app remembers (when a database exists), else
    the program's default. Never fails: the language is a nicety, a bad database is reported by
    the command that needs it."""
    explicit = getattr(args, "lang", None)
    if explicit in LANGS:
        return explicit
    try:
        path = paths.default_db_path(getattr(args, "db", None))
        if path.is_file():
            from quizapp.store import Store

            with Store.open(path, create=False, check=False) as store:
                remembered = store.get_setting("language")
                if remembered in LANGS:
                    return remembered
    except Exception:  # noqa: BLE001
        pass
    return DEFAULT_LANG


def error(message: str, command: str | None = None) -> None:
    """Print ``error: message`` (``quizapp COMMAND: error: ...`` when a command is named) to stderr."""
    prefix = f"quizapp {command}: " if command else ""
    print(f"{prefix}error: {message}", file=sys.stderr)


def say(key: str, lang: str, *, file=None, **values) -> None:
    """Print the catalogue text ``key`` in ``lang``."""
    print(tr(key, lang, **values), file=file or sys.stdout)
