"""``quizapp reset``: erase the progress in a database file, keeping a backup first."""

from __future__ import annotations

import os
from pathlib import Path

from quizapp.store.connection import _backup_name
from quizapp.store.errors import StoreError
from quizapp.store.store import Store


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
