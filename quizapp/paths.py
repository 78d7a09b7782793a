"""Where things live: the content folders of the project and the user's data folder.

Kept free of heavy imports: the TUI imports this at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "quizapp"


def katas_dir() -> Path:
    """The kata catalogue (``QUIZAPP_KATAS`` overrides the project's ``katas/``)."""
    return Path(os.environ.get("QUIZAPP_KATAS") or PROJECT_ROOT / "katas")


def questions_dir() -> Path:
    """The question banks (``QUIZAPP_QUESTIONS`` overrides the project's ``questions/``)."""
    return Path(os.environ.get("QUIZAPP_QUESTIONS") or PROJECT_ROOT / "questions")


def user_data_dir() -> Path:
    """The platform's user data folder for quizapp (``QUIZAPP_DATA`` overrides it)."""
    override = os.environ.get("QUIZAPP_DATA")
    if override:
        return Path(override)
    from platformdirs import user_data_dir as _user_data_dir

    return Path(_user_data_dir(APP_NAME, appauthor=False))


def default_db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The progress database: ``--db`` wins, then ``QUIZAPP_DB``, then the user data folder."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("QUIZAPP_DB")
    if env:
        return Path(env)
    return user_data_dir() / "progress.db"


def workspace_dir() -> Path:
    """Where the user's own kata files live (one file per kata)."""
    return user_data_dir() / "workspace"
