"""``quizapp kata list | show | start``: the kata catalogue for a person at a terminal."""

from __future__ import annotations

import json
import sys

from quizapp import exit_codes, paths
from quizapp.commands.common import error, language
from quizapp.table import render_table
from quizapp.katas import (BrokenKata, UnknownKata, close_matches, find_kata, kata_ids, list_katas,
                           number_text, start_kata, workspace_file)
from quizapp.texts import tr


def stars(difficulty: int | None) -> str:
    """1..3 as ``*``, ``**``, ``***`` (ASCII: aligns in every terminal, CJK ones included)."""
    return "*" * difficulty if difficulty else "?"


def _minutes(value: float | None) -> str:
    return "?" if value is None else str(number_text(value))


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def short_error(info) -> str:
    """The error without the kata folder's path in front (it is known from the row)."""
    text = info.error or ""
    for prefix in (f"{info.folder}/", f"{info.folder}: ", f"{info.folder}"):
        text = text.replace(prefix, "")
    return text


def _progress(args, ids: list[str]) -> dict[str, str]:
    """kata id -> 'passed' | 'failing' | 'never' | 'due' (on the schedule again) from the progress
    database, when there is one."""
    try:
        db = paths.default_db_path(getattr(args, "db", None))
        if not db.is_file():
            return {}
        from quizapp.store import Store

        from datetime import datetime, timezone

        from quizapp.kata_schedule import due_katas

        with Store.open(db, create=False, check=False) as store:
            progress = {k: s.status for k, s in store.kata_status(ids).items()}
            for kata_id in due_katas(ids, store.kata_cards(), datetime.now(timezone.utc)):
                progress[kata_id] = "due"
            return progress
    except Exception:  # noqa: BLE001 - listing works without progress
        return {}


def run_list(args) -> int:
    """``quizapp kata list [--json]``: one row per kata (broken folders are marked)."""
    katas = list_katas()
    if getattr(args, "json", False):
        print(json.dumps([k.to_json() for k in katas], ensure_ascii=False, indent=2))
        return exit_codes.OK
    lang = language(args)
    if not katas:
        print(tr("cli.kata.none", lang, folder=paths.katas_dir()))
        return exit_codes.OK
    progress = _progress(args, [k.id for k in katas])
    marks = {"passed": tr("cli.kata.done", lang), "failing": tr("cli.kata.tried", lang),
             "due": tr("cli.kata.due", lang)}
    rows = [(k.id, stars(k.difficulty) if k.ok else "!", _minutes(k.minutes) if k.ok else "",
             ",".join(k.topics), marks.get(progress.get(k.id, ""), "-") if k.ok else "",
             k.title(lang) if k.ok else tr("cli.kata.broken", lang,
                                           error=_first_line(short_error(k))))
            for k in katas]
    header = tuple(tr(f"cli.kata.col.{c}", lang)
                   for c in ("id", "level", "minutes", "topics", "done", "title"))
    print("\n".join(render_table(header, rows, right=frozenset({2}))))
    broken = [k for k in katas if not k.ok]
    print("\n" + tr("cli.kata.count", lang, n=len(katas) - len(broken)))
    if broken:
        print(tr("cli.kata.broken_count", lang, n=len(broken), ids=" ".join(k.id for k in broken)),
              file=sys.stderr)
    return exit_codes.OK


def _unknown(kata_id: str) -> int:
    error(str(UnknownKata(kata_id, close_matches(kata_id, kata_ids()))))
    return exit_codes.USAGE


def _source_text(ref: str | None, lang: str) -> str:
    """``doc#anchor (description in lang)`` when the sources index knows the anchor."""
    if not ref:
        return ""
    try:
        from quizapp.banks import load_sources

        description = load_sources().describe(ref, lang)
    except Exception:  # noqa: BLE001 - the description is a nicety
        description = None
    return f"{ref} ({description})" if description else ref


def _hint_lines(info, lang: str, show_all: bool) -> list[str]:
    label = tr("cli.kata.hints", lang)
    if show_all:
        return [f"{label}:"] + [f"  {i}. {h.get(lang)}" for i, h in enumerate(info.spec.hints, 1)]
    return [f"{label}: " + tr("cli.kata.hints_note", lang, n=len(info.spec.hints))]


def run_show(args) -> int:
    """``quizapp kata show KATA_ID [--hints]``: the prompt in the chosen language, metadata, next
    steps; every hint with ``--hints`` (as an interviewer reads them)."""
    info = find_kata(args.kata_id)
    if info is None:
        return _unknown(args.kata_id)
    if not info.ok:
        error(tr("cli.kata.unusable", "en", id=info.id, error=info.error))
        return exit_codes.FAIL
    lang = language(args)

    def t(key: str, **values) -> str:
        return tr(f"cli.kata.{key}", lang, **values)

    mine = workspace_file(info.id)
    lines = [
        f"{info.id}: {info.title(lang)}",
        f"{t('difficulty')}: {stars(info.difficulty)} ({info.difficulty}/3) · "
        + t("minutes", m=_minutes(info.minutes)) + f" · {t('topics')}: {', '.join(info.topics)}",
        f"{t('source')}: {_source_text(info.source, lang)}",
        f"{t('define')}: {', '.join(info.entry)}",
        "",
        info.prompt(lang).rstrip(),
        "",
        *_hint_lines(info, lang, getattr(args, "hints", False)),
        f"{t('start')}: quizapp kata start {info.id}",
        f"{t('grade')}: quizapp grade {info.id} {mine}",
    ]
    if mine.exists():
        lines.append(f"{t('your_file')}: {mine} " + t("exists", id=info.id))
    print("\n".join(lines))
    return exit_codes.OK


def run_start(args) -> int:
    """``quizapp kata start KATA_ID [--dir DIR] [--force]``: write the starter; print its path."""
    lang = language(args)
    folder = getattr(args, "dir", None)
    try:
        path = start_kata(args.kata_id, folder, getattr(args, "force", False))
    except UnknownKata as exc:
        error(str(exc))
        return exit_codes.USAGE
    except BrokenKata as exc:
        error(tr("cli.kata.unusable", lang, id=args.kata_id, error=exc))
        return exit_codes.FAIL
    except FileExistsError as exc:
        error(tr("cli.kata.file_exists", lang, file=exc, id=args.kata_id,
                 dir=f" --dir {folder}" if folder else ""))
        return exit_codes.FAIL
    except OSError as exc:
        error(tr("cli.kata.cannot_write", lang, error=exc))
        return exit_codes.FAIL
    print(path)
    print(tr("cli.kata.started", lang, id=args.kata_id, file=path), file=sys.stderr)
    return exit_codes.OK
