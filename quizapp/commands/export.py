"""``quizapp export`` (the review log and kata attempts as JSON or CSV; the banks as an Anki deck)
and ``quizapp reset`` (erase progress after a backup)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from quizapp import exit_codes
from quizapp.commands.common import error, language


def run_anki_export(args) -> int:
    """``quizapp export --format apkg [--out FILE] [--deck-lang ko|en|both]``: the question banks
    as an Anki deck (re-exporting updates the notes already imported)."""
    from quizapp.anki import write_apkg
    from quizapp.banks import load_banks, load_sources

    banks = load_banks()
    if banks.errors:
        error(f"{len(banks.errors)} problem(s) in the question banks (those questions are left "
              "out); see `quizapp bank lint`", "export")
    try:
        sources = load_sources()
    except Exception:  # noqa: BLE001 - the source descriptions are a nicety on the cards
        sources = None
    lang = args.deck_lang or language(args)
    out = Path(args.out or "quizapp.apkg")
    try:
        summary = write_apkg(banks, out, lang, sources=sources)
    except ValueError as exc:
        error(str(exc), "export")
        return exit_codes.USAGE
    except OSError as exc:
        error(f"cannot write {out}: {exc}", "export")
        return exit_codes.FAIL
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(summary.by_type.items()))
    print(f"Wrote {summary.notes} notes ({kinds}) to {summary.path}, {summary.bytes // 1024} KB, "
          f"language {lang}. Open it with Anki to import; a newer export updates these notes.")
    return exit_codes.OK


def run_export(args) -> int:
    """``quizapp export [--format json|csv|apkg] [--out FILE]``."""
    if args.format == "apkg":
        return run_anki_export(args)
    from quizapp.export import export_data, to_csv, write_file
    from quizapp.paths import default_db_path
    from quizapp.store import Store, StoreError

    path = default_db_path(args.db)
    try:
        with Store.open(path, create=False) as store:
            data = export_data(store)
    except StoreError as exc:
        error(str(exc), "export")
        return exit_codes.FAIL
    if args.format == "csv":
        text = to_csv(data)
    else:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not args.out:
        sys.stdout.write(text)
        return exit_codes.OK
    out = Path(args.out)
    try:
        write_file(out, text)
    except OSError as exc:
        error(f"cannot write {out}: {exc}", "export")
        return exit_codes.FAIL
    print(f"Exported {len(data['reviews'])} reviews and {len(data['kata_attempts'])} kata "
          f"attempts from {path} to {out}")
    return exit_codes.OK


def run_reset(args) -> int:
    """``quizapp reset --yes``: back the database up, then erase progress (settings stay)."""
    from quizapp.paths import default_db_path
    from quizapp.store import StoreError, reset_database

    path = default_db_path(args.db)
    if not args.yes:
        print(f"quizapp reset: refusing without --yes. This erases all progress in {path} "
              f"(reviews, cards, kata attempts, mock interviews) after backing it up.",
              file=sys.stderr)
        return exit_codes.USAGE
    try:
        backup, message = reset_database(path)
    except (StoreError, OSError) as exc:
        error(str(exc), "reset")
        return exit_codes.FAIL
    print(message)
    if backup is not None:
        print(f"Backup: {backup}")
    return exit_codes.OK
