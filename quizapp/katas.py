"""The kata catalogue: ``quizapp kata list | show | start`` and the functions the TUI uses.

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
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.kata import Kata, KataError, KataSpec, load_kata
from quizapp import paths

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
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
            "minutes": _number(self.minutes),
            "topics": self.topics,
            "source": self.source,
            "error": self.error,
        }


def _number(value: float | None) -> int | float | None:
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


# --------------------------------------------------------------------------------------------
# CLI handlers

LABELS = {
    "en": {"difficulty": "difficulty", "minutes": "about {m} min", "topics": "topics",
           "source": "source", "define": "define", "hints": "hints",
           "hints_note": "{n}, shown one at a time in the app (`quizapp`)",
           "start": "start", "grade": "grade", "your_file": "your file",
           "exists": "(exists: `quizapp kata start {id} --force` replaces it with the starter)"},
    "ko": {"difficulty": "난이도", "minutes": "약 {m}분", "topics": "주제", "source": "출처",
           "define": "정의할 것", "hints": "힌트",
           "hints_note": "{n}개, 앱(`quizapp`)에서 하나씩 볼 수 있습니다",
           "start": "시작", "grade": "채점", "your_file": "내 파일",
           "exists": "(이미 있음: `quizapp kata start {id} --force`는 시작 파일로 덮어씁니다)"},
}


def _lang(args) -> str:
    """The language of this command's output."""
    from quizapp.store import preferred_language

    return preferred_language(getattr(args, "lang", None), getattr(args, "db", None))


def _progress(args, ids: list[str]) -> dict[str, str]:
    """kata id -> 'passed' | 'failing' | 'never' from the progress database, when there is one."""
    try:
        db = paths.default_db_path(getattr(args, "db", None))
        if not db.is_file():
            return {}
        from quizapp.store import Store

        with Store.open(db, create=False, check=False) as store:
            return {k: s.status for k, s in store.kata_status(ids).items()}
    except Exception:  # noqa: BLE001 - listing works without progress
        return {}


def stars(difficulty: int | None) -> str:
    """1..3 as ``*``, ``**``, ``***`` (ASCII: aligns in every terminal, CJK ones included)."""
    return "*" * difficulty if difficulty else "?"


def _minutes(value: float | None) -> str:
    if value is None:
        return "?"
    return str(_number(value))


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def short_error(info: KataInfo) -> str:
    """The error without the kata folder's path in front (it is known from the row)."""
    text = info.error or ""
    for prefix in (f"{info.folder}/", f"{info.folder}: ", f"{info.folder}"):
        text = text.replace(prefix, "")
    return text


def cmd_list(args) -> int:
    """``quizapp kata list [--json]``: one row per kata (broken folders are marked)."""
    katas = list_katas()
    if getattr(args, "json", False):
        print(json.dumps([k.to_json() for k in katas], ensure_ascii=False, indent=2))
        return EXIT_OK
    lang = _lang(args)
    if not katas:
        print(f"no katas in {paths.katas_dir()}")
        return EXIT_OK
    progress = _progress(args, [k.id for k in katas])
    marks = {"passed": "done", "failing": "tried"}
    rows = [(k.id, stars(k.difficulty) if k.ok else "!", _minutes(k.minutes) if k.ok else "",
             ",".join(k.topics), marks.get(progress.get(k.id, ""), "-") if k.ok else "",
             k.title(lang) if k.ok else "broken: " + _first_line(short_error(k)))
            for k in katas]
    header = ("ID", "LEVEL", "MIN", "TOPICS", "DONE", "TITLE")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    right = {2}  # numbers align right

    def fmt(row) -> str:
        cells = [row[i].rjust(widths[i]) if i in right else row[i].ljust(widths[i]) for i in range(5)]
        return "  ".join([*cells, row[5]]).rstrip()

    print(fmt(header))
    for row in rows:
        print(fmt(row))
    broken = [k for k in katas if not k.ok]
    usable = len(katas) - len(broken)
    print(f"\n{usable} kata{'s' if usable != 1 else ''}. Read one: quizapp kata show ID; "
          "start it: quizapp kata start ID")
    if broken:
        print(f"{len(broken)} kata folder(s) could not be read; `quizapp kata lint "
              f"{' '.join(k.id for k in broken)}` says why.", file=sys.stderr)
    return EXIT_OK


def _unknown(kata_id: str) -> int:
    print(f"error: {UnknownKata(kata_id, close_matches(kata_id, kata_ids()))}", file=sys.stderr)
    return EXIT_USAGE


def _source_text(ref: str | None) -> str:
    """``doc#anchor (description)`` when the sources index knows the anchor."""
    if not ref:
        return ""
    try:
        from quizapp.banks import load_sources

        description = load_sources().describe(ref)
    except Exception:  # noqa: BLE001 - the description is a nicety
        description = None
    return f"{ref} ({description})" if description else ref


def cmd_show(args) -> int:
    """``quizapp kata show KATA_ID``: the prompt in the chosen language, metadata, next steps."""
    info = find_kata(args.kata_id)
    if info is None:
        return _unknown(args.kata_id)
    if not info.ok:
        print(f"error: kata '{info.id}' cannot be used: {info.error}", file=sys.stderr)
        return EXIT_FAIL
    lang = _lang(args)
    text = LABELS[lang]
    mine = workspace_file(info.id)
    lines = [
        f"{info.id}: {info.title(lang)}",
        f"{text['difficulty']}: {stars(info.difficulty)} ({info.difficulty}/3) · "
        + text["minutes"].format(m=_minutes(info.minutes))
        + f" · {text['topics']}: {', '.join(info.topics)}",
        f"{text['source']}: {_source_text(info.source)}",
        f"{text['define']}: {', '.join(info.entry)}",
        "",
        info.prompt(lang).rstrip(),
        "",
        *([f"{text['hints']}:"] + [f"  {i}. {h.get(lang)}" for i, h in enumerate(info.spec.hints, 1)]
          if getattr(args, "hints", False) else
          [f"{text['hints']}: " + text["hints_note"].format(n=len(info.spec.hints))]),
        f"{text['start']}: quizapp kata start {info.id}",
        f"{text['grade']}: quizapp grade {info.id} {mine}",
    ]
    if mine.exists():
        lines.append(f"{text['your_file']}: {mine} " + text["exists"].format(id=info.id))
    print("\n".join(lines))
    return EXIT_OK


def cmd_start(args) -> int:
    """``quizapp kata start KATA_ID [--dir DIR] [--force]``: write the starter; print its path."""
    try:
        path = start_kata(args.kata_id, getattr(args, "dir", None), getattr(args, "force", False))
    except UnknownKata as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenKata as exc:
        print(f"error: kata '{args.kata_id}' cannot be used: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except FileExistsError as exc:
        print(f"error: {exc} already exists and may hold your work; it was left as it is.\n"
              f"  grade it:   quizapp grade {args.kata_id} {exc}\n"
              f"  start over: quizapp kata start {args.kata_id}"
              + (f" --dir {args.dir}" if getattr(args, "dir", None) else "")
              + " --force   (replaces it with the starter)", file=sys.stderr)
        return EXIT_FAIL
    except OSError as exc:
        print(f"error: cannot write the starter: {exc}", file=sys.stderr)
        return EXIT_FAIL
    print(path)
    print(f"Edit it, then grade it: quizapp grade {args.kata_id} {path}", file=sys.stderr)
    return EXIT_OK
