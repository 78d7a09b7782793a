"""`quizapp export --format apkg`: an Anki deck of the banks written from the command line."""

from __future__ import annotations

import sqlite3
import zipfile

from quizapp.banks import load_banks
from quizapp.cli import main


def _notes(path, tmp_path):
    with zipfile.ZipFile(path) as deck:
        name = next(n for n in deck.namelist() if n.startswith("collection.anki2"))
        deck.extract(name, tmp_path)
    with sqlite3.connect(tmp_path / name) as db:
        return db.execute("SELECT guid, flds FROM notes").fetchall()


def test_export_apkg_writes_every_question_once_and_again_with_the_same_ids(tmp_path, capsys):
    out = tmp_path / "deck.apkg"
    argv = ["export", "--format", "apkg", "--out", str(out), "--deck-lang", "ko",
            "--db", str(tmp_path / "p.db")]
    assert main(argv) == 0
    assert "notes" in capsys.readouterr().out
    first = _notes(out, tmp_path / "a")
    assert len(first) == len(load_banks().questions)
    assert main([*argv[:-4], "--deck-lang", "en", "--db", str(tmp_path / "p.db")]) == 0
    second = _notes(out, tmp_path / "b")
    assert {g for g, _ in first} == {g for g, _ in second}     # a re-export updates, not adds
    assert first != second                                     # ... in the other language


def test_export_apkg_to_a_folder_that_does_not_exist_fails_with_a_reason(tmp_path, capsys):
    code = main(["export", "--format", "apkg", "--out", str(tmp_path / "no" / "such" / "d.apkg"),
                 "--db", str(tmp_path / "p.db")])
    assert code == 1 and "cannot write" in capsys.readouterr().err
