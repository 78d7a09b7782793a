"""Where things live: the content folders of the project and the user's data folder.

The content (``katas/`` and ``questions/``) sits at the top of the source tree. A source
checkout (and an editable install, which runs from one) reads it there; a built install (a
wheel, ``pip install .``, pipx) carries a copy as package data inside ``quizapp`` itself,
under ``quizapp/_content/`` (``setup.py`` puts it there), found through ``importlib.resources``.
``QUIZAPP_KATAS`` and ``QUIZAPP_QUESTIONS`` point elsewhere, for authors.

Kept free of heavy imports: the TUI imports this at start-up.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

#: The folder that holds ``quizapp/`` (the project in a source checkout, site-packages when installed).
PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "quizapp"
#: The package folder of a built quizapp that holds the content; ``setup.py`` writes the same name.
BUNDLED_CONTENT = "_content"
CONTENT_FOLDERS = ("katas", "questions")


@functools.lru_cache(maxsize=1)
def source_checkout() -> Path | None:
    """The project folder when quizapp runs from a source checkout (or an editable install of
    one), else None: an installed quizapp has no project folder, only its package data."""
    root = PROJECT_ROOT
    if (root / "pyproject.toml").is_file() and all((root / name).is_dir() for name in CONTENT_FOLDERS):
        return root
    return None


@functools.cache
def bundled_content_dir(name: str) -> Path:
    """Where a built quizapp keeps the content folder ``name`` (``katas`` or ``questions``)."""
    if name not in CONTENT_FOLDERS:
        raise ValueError(f"unknown content folder {name!r}: expected one of {', '.join(CONTENT_FOLDERS)}")
    # Imported here: it costs ~20 ms cold, and a source checkout never needs it.
    from importlib.resources import files

    # A file-system install gives a real Path; the grader copies kata files by path, so a
    # zipped install is not supported and shows up as a missing folder with its name.
    return Path(str(files(APP_NAME) / BUNDLED_CONTENT / name))


def content_dir(name: str) -> Path:
    """The content folder ``name``: the source tree's in a checkout, else the installed copy."""
    root = source_checkout()
    return root / name if root is not None else bundled_content_dir(name)


def katas_dir() -> Path:
    """The kata catalogue (``QUIZAPP_KATAS`` overrides the project's ``katas/``)."""
    return Path(os.environ.get("QUIZAPP_KATAS") or content_dir("katas"))


def questions_dir() -> Path:
    """The question banks (``QUIZAPP_QUESTIONS`` overrides the project's ``questions/``)."""
    return Path(os.environ.get("QUIZAPP_QUESTIONS") or content_dir("questions"))


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
