"""The files of a mock's katas, guarded as in the workbench: a file changed on disk is never
overwritten by an editor buffer the learner did not edit, and edits on both sides keep both.

:class:`KataFiles` holds, per kata, its file, the editor's text and the text last known to be in
the file (they differ while the editor holds edits that are not saved). It reads and writes the
files; the run screen shows what happened (:mod:`quizapp.tui.screens.mock.run`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from quizapp.workbench import FileWatch, on_disk_change


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it (never half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.saving")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)


def free_path(path: Path) -> Path:
    """``path``, or ``stem-2.py``, ``stem-3.py``... when it exists."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


class KataFiles:
    """Each kata's file (``files``), the editor's text (``code``), the text last known to be in
    the file (``disk``), a watch on the file, the katas whose file changed on disk while the
    editor held edits (``conflicts``) and where the editor's text went when such a conflict was
    handed in as it stood (``copies``)."""

    def __init__(self) -> None:
        self.files: dict[str, Path] = {}
        self.code: dict[str, str] = {}
        self.disk: dict[str, str] = {}
        self.watches: dict[str, FileWatch] = {}
        self.conflicts: set[str] = set()
        self.copies: dict[str, Path] = {}

    def open(self, kata_id: str, folder: Path, *, resume: bool, kept: Any = None) -> None:
        """Make the kata's file in ``folder``: a new mock starts it from the starter; a resumed
        one keeps the file as it is (the learner's work), or writes back the code ``kept`` with
        the answer, and takes back edits that were not saved when the app stopped. Raises
        OSError (or the catalogue's error) when the file cannot be made."""
        from quizapp.katas import start_kata, workspace_file

        kept = kept if isinstance(kept, dict) else {}
        path = workspace_file(kata_id, folder)
        if resume and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
        elif resume and isinstance(kept.get("code"), str):
            text = kept["code"]
            write_atomic(path, text)
        else:
            path = start_kata(kata_id, folder, force=True)
            text = path.read_text(encoding="utf-8")
        self.files[kata_id] = path
        self.disk[kata_id] = text
        self.code[kata_id] = text
        unsaved = kept.get("unsaved")
        if isinstance(unsaved, str) and kept.get("code") == text:
            self.code[kata_id] = unsaved
        self.watches[kata_id] = FileWatch(path)

    def edited(self, kata_id: str) -> bool:
        """Whether the editor holds edits that are not in the file."""
        return self.code.get(kata_id) != self.disk.get(kata_id)

    def read(self, kata_id: str) -> str | None:
        """The file's text now (None when it cannot be read)."""
        path = self.files.get(kata_id)
        try:
            return path.read_text(encoding="utf-8") if path is not None else None
        except (OSError, UnicodeDecodeError):
            return None

    def changed(self, kata_id: str) -> bool:
        """Whether the file's signature changed since it was last looked at."""
        watch = self.watches.get(kata_id)
        return watch is not None and watch.changed()

    def look(self, kata_id: str) -> tuple[str, str | None]:
        """Compare the file with what was last known to be in it: ``("same", None)``,
        ``("changed", text)`` (the editor has no edits: take ``text``), ``("conflict", None)``
        (edits on both sides, first seen now) or ``("still_conflict", None)``."""
        text = self.read(kata_id)
        watch = self.watches.get(kata_id)
        if watch is not None:
            watch.mark()
        if text is None or text == self.disk.get(kata_id):
            return "same", None
        if on_disk_change(self.edited(kata_id)) == "conflict":
            if kata_id in self.conflicts:
                return "still_conflict", None
            self.conflicts.add(kata_id)
            return "conflict", None
        return "changed", text

    def take(self, kata_id: str, text: str) -> None:
        """``text`` (the file's) becomes the editor's text and the known file text."""
        self.disk[kata_id] = text
        self.code[kata_id] = text
        self.conflicts.discard(kata_id)

    def write(self, kata_id: str) -> None:
        """Write the editor's text to the file (raises OSError)."""
        text = self.code.get(kata_id, "")
        write_atomic(self.files[kata_id], text)
        self.disk[kata_id] = text
        self.conflicts.discard(kata_id)
        watch = self.watches.get(kata_id)
        if watch is not None:
            watch.mark()

    def keep_editor_copy(self, kata_id: str) -> Path:
        """Write the editor's text beside the file (``<kata>.editor.py``), for a conflict handed
        in as it stood; raises OSError."""
        path = self.files[kata_id]
        copy = free_path(path.with_name(f"{path.stem}.editor.py"))
        write_atomic(copy, self.code.get(kata_id, ""))
        self.copies[kata_id] = copy
        return copy

    def reread(self, kata_id: str) -> str:
        """The file's text as it is now (what was last known when it cannot be read)."""
        text = self.read(kata_id)
        if text is not None:
            self.disk[kata_id] = text
        return self.disk.get(kata_id, "")

    def kept_answer(self, kata_id: str) -> dict[str, Any]:
        """What a kata's answer row holds while the mock runs: its file and the code in it (and
        the editor's text when it is not saved)."""
        answer: dict[str, Any] = {"file": str(self.files.get(kata_id) or ""),
                                  "code": self.disk.get(kata_id)}
        if self.edited(kata_id):
            answer["unsaved"] = self.code.get(kata_id)
        return answer
