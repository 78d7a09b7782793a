"""The kata catalogue: what ``quizapp kata list | show | start`` and the TUI read.

A kata is a folder ``katas/<id>/`` (see :mod:`grader.kata`). This module reads the catalogue with
``grader.kata.load_kata`` (YAML and pydantic only) and never imports torch, so the TUI can call it
at start-up. A kata folder that cannot be read becomes an entry with ``error`` set, not a crash.

    >>> [k.id for k in list_katas() if k.ok]            # doctest: +SKIP
    ['custom-linear', 'mm-vs-matmul', 'xavier-uniform']
    >>> start_kata("custom-linear")                      # doctest: +SKIP
    PosixPath('/home/me/.local/share/quizapp/workspace/custom-linear.py')
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.kata import Kata, KataError, KataSpec, load_kata
from quizapp import paths

KATA_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class UnknownKata(LookupError):
    """No kata with that id; ``suggestions`` holds close ids."""

    def __init__(self, kata_id: str, suggestions: list[str]):
        self.kata_id, self.suggestions = kata_id, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown kata '{kata_id}'{hint} (see `quizapp kata list`)")


class BrokenKata(Exception):
    """The kata's folder exists but cannot be used (an invalid kata.yaml, a missing file)."""


@dataclass
class KataInfo:
    """One catalogue entry: a usable kata (``kata`` set) or a broken folder (``error`` set)."""

    id: str
    folder: Path
    kata: Kata | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.kata is not None

    @property
    def spec(self) -> KataSpec | None:
        return self.kata.spec if self.kata else None

    def title(self, lang: str = "en") -> str:
        return self.spec.title.get(lang) if self.spec else f"({self.id}: broken)"

    def prompt(self, lang: str = "en") -> str:
        return self.spec.prompt.get(lang) if self.spec else ""

    def hints(self, lang: str = "en") -> list[str]:
        return [hint.get(lang) for hint in self.spec.hints] if self.spec else []

    @property
    def difficulty(self) -> int | None:
        return self.spec.difficulty if self.spec else None

    @property
    def minutes(self) -> float | None:
        return self.spec.minutes if self.spec else None

    @property
    def topics(self) -> list[str]:
        return list(self.spec.topics) if self.spec else []

    @property
    def source(self) -> str | None:
        return self.spec.source if self.spec else None

    @property
    def entry(self) -> list[str]:
        return list(self.spec.entry) if self.spec else []

    @property
    def starter(self) -> Path:
        return self.folder / "starter.py"

    @property
    def reference(self) -> Path:
        """The solution (for showing after a pass; never run in the app's process)."""
        return self.folder / "reference.py"

    def to_json(self) -> dict[str, Any]:
        spec = self.spec
        return {
            "id": self.id,
            "title": {"ko": spec.title.ko, "en": spec.title.en} if spec else None,
            "difficulty": self.difficulty,
            "minutes": number_text(self.minutes),
            "topics": self.topics,
            "source": self.source,
            "error": self.error,
        }


def number_text(value: float | None) -> int | float | None:
    """``15.0`` as ``15``, other numbers as they are (for JSON and tables)."""
    return int(value) if value is not None and float(value).is_integer() else value


# --------------------------------------------------------------------------------------------
# Catalogue

def _root(folder: str | os.PathLike | None) -> Path:
    return Path(folder) if folder is not None else paths.katas_dir()


def _candidate_folders(root: Path) -> list[Path]:
    """Sub-folders of the catalogue, except hidden, private (``_x``) and cache folders."""
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir()
                  if p.is_dir() and not p.name.startswith((".", "_")))


def read_kata(folder: str | os.PathLike) -> KataInfo:
    """One folder as a catalogue entry (never raises for a bad folder)."""
    folder = Path(folder)
    try:
        return KataInfo(folder.name, folder, kata=load_kata(folder))
    except KataError as exc:
        return KataInfo(folder.name, folder, error=str(exc))
    except (OSError, UnicodeDecodeError) as exc:
        return KataInfo(folder.name, folder, error=f"{folder}: cannot be read: {exc}")


def list_katas(folder: str | os.PathLike | None = None) -> list[KataInfo]:
    """Every kata of the catalogue (default: ``paths.katas_dir()``), sorted by id."""
    return [read_kata(p) for p in _candidate_folders(_root(folder))]


def kata_ids(folder: str | os.PathLike | None = None) -> list[str]:
    """The ids of the catalogue's folders (usable or not), without reading them."""
    return [p.name for p in _candidate_folders(_root(folder))]


def close_matches(kata_id: str, ids: list[str], n: int = 5) -> list[str]:
    """Ids that look like ``kata_id``, best first: similar spelling, shared words, containment."""
    query = kata_id.lower().strip()
    if not query:
        return []
    words = [w for w in re.split(r"[^a-z0-9]+", query) if len(w) >= 3]
    scored = []
    for candidate in ids:
        ratio = difflib.SequenceMatcher(None, query, candidate).ratio()
        contains = query in candidate or (len(candidate) >= 3 and candidate in query)
        shared = sum(w in candidate for w in words) / len(words) if words else 0.0
        if ratio >= 0.6 or contains or shared:
            scored.append((ratio + contains + shared / 2, candidate))
    return [candidate for _, candidate in sorted(scored, key=lambda s: (-s[0], s[1]))[:n]]


def find_kata(kata_id: str, folder: str | os.PathLike | None = None) -> KataInfo | None:
    """The catalogue entry for ``kata_id`` (possibly broken), or None when there is none."""
    if not isinstance(kata_id, str) or not KATA_ID.match(kata_id):
        return None
    candidate = _root(folder) / kata_id
    if not candidate.is_dir():
        return None
    return read_kata(candidate)


def require_kata(kata_id: str, folder: str | os.PathLike | None = None) -> KataInfo:
    """Like :func:`find_kata`, but raise UnknownKata (with suggestions) or BrokenKata."""
    info = find_kata(kata_id, folder)
    if info is None:
        raise UnknownKata(kata_id, close_matches(kata_id, kata_ids(folder)))
    if not info.ok:
        raise BrokenKata(info.error)
    return info


def workspace_file(kata_id: str, folder: str | os.PathLike | None = None) -> Path:
    """The user's own file for a kata: ``folder/<id>.py`` (default folder: the workspace)."""
    base = Path(folder).expanduser() if folder is not None else paths.workspace_dir()
    return base / f"{kata_id}.py"


def start_kata(kata_id: str, folder: str | os.PathLike | None = None, force: bool = False, *,
               katas: str | os.PathLike | None = None) -> Path:
    """Copy the kata's starter to :func:`workspace_file` and return that path.

    An existing file is the user's work: it is kept (FileExistsError) unless ``force``.
    Raises UnknownKata or BrokenKata for an id that cannot be started; ``katas`` is the catalogue
    folder (default: ``paths.katas_dir()``).
    """
    info = require_kata(kata_id, katas)
    target = workspace_file(info.id, folder)
    if target.exists() and not force:
        raise FileExistsError(str(target))
    if target.exists() and not target.is_file():
        raise IsADirectoryError(f"{target} is not a file")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Write a temporary file beside the target and rename it, so that an interrupted copy never
    # leaves half a starter in place of the user's file.
    handle, temp = tempfile.mkstemp(prefix=f".{info.id}-", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(info.starter, temp)
        os.replace(temp, target)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    return target
