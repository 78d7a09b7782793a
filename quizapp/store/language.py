"""The language the app speaks, as the progress database remembers it."""

from __future__ import annotations

from quizapp.store.store import Store


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
