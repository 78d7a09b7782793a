"""`quizapp grade KATA PATH...`: a class of submissions, its summary, JSON Lines, gradebook,
shards and the same-code flag; and the pure parts in ``grader.batch``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from grader import batch
from quizapp.cli import main
from quizapp.store import Store

CORRECT = "def double(x):\n    return x + x\n"
RENAMED = '"""My answer."""\n\n\ndef double(value):   # twice\n    return value + value\n'
WRONG = "def double(x):\n    return 3 * x\n"


pytestmark = pytest.mark.usefixtures("fixture_katas")


@pytest.fixture
def klass(tmp_path) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ana.py").write_text(CORRECT)
    (folder / "ben.py").write_text(RENAMED)          # ana's code, renamed and commented
    (folder / "cho.py").write_text(WRONG)
    (folder / "dan.py").write_text("")               # empty
    (folder / "eun.py").write_bytes(b"\x89PNG\x00\x01")  # not Python
    (folder / "notes.txt").write_text("not a submission")
    return folder


def test_a_class_gets_a_summary_a_gradebook_and_the_same_code_flagged(klass, tmp_path, capsys):
    empty = tmp_path / "nobody"
    empty.mkdir()
    book = tmp_path / "out" / "grades.csv"
    code = main(["grade", "double", str(klass), str(empty), "--jobs", "2", "--gradebook", str(book),
                 "--db", str(tmp_path / "p.db")])
    out = capsys.readouterr().out
    assert code == 1                                 # not every submission passed
    assert "6 submissions" in out and "passed 2   failed 2   errors 2" in out
    assert "same code up to names, comments and formatting" in out
    assert "ana.py" in out and "ben.py" in out and "the folder holds no .py files" in out
    rows = list(csv.DictReader(book.open(encoding="utf-8")))
    assert [Path(r["path"]).name for r in rows] == ["ana.py", "ben.py", "cho.py", "dan.py", "eun.py", "nobody"]
    by_name = {Path(r["path"]).name: r for r in rows}
    assert by_name["ana.py"]["status"] == "pass" and by_name["ana.py"]["checks_passed"] == "2"
    assert "ben.py" in by_name["ana.py"]["same_code_as"]
    assert by_name["cho.py"]["outputs match the reference (double)"] == "fail"
    assert by_name["dan.py"]["status"] == "fail" and "empty" in by_name["dan.py"]["message"]
    assert by_name["eun.py"]["status"] == "error" and "binary" in by_name["eun.py"]["message"]
    assert not (tmp_path / "p.db").exists() or not Store.open(tmp_path / "p.db").kata_attempts()


def test_json_lines_one_per_submission_with_its_path(klass, capsys):
    code = main(["grade", "double", str(klass / "ana.py"), str(klass / "cho.py"), "--json"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert sorted(Path(line["submission"]).name for line in lines) == ["ana.py", "cho.py"]
    assert all(line["version"] == 3 and line["status"] in ("pass", "fail") for line in lines)


def test_all_passing_exits_0_and_a_missing_path_exits_2(klass, capsys):
    assert main(["grade", "double", str(klass / "ana.py"), str(klass / "ben.py")]) == 0
    assert main(["grade", "double", str(klass / "ana.py"), str(klass / "nope.py")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["grade", "double", str(klass), "--shard", "3/2"]) == 2


def test_shards_split_a_class_once_and_only_once(klass):
    entries, _ = batch.collect([klass])
    shards = [batch.shard(entries, i, 3) for i in (1, 2, 3)]
    paths = sorted(str(e.path) for part in shards for e in part)
    assert paths == sorted(str(e.path) for e in entries) and len(paths) == len(set(paths))
    assert batch.parse_shard("2/3") == (2, 3)
    for bad in ("0/3", "4/3", "x", "1-3"):
        with pytest.raises(ValueError):
            batch.parse_shard(bad)


def test_sharded_runs_concatenate_to_the_whole_gradebook(klass, tmp_path):
    books = []
    for i in (1, 2):
        book = tmp_path / f"part{i}.csv"
        main(["grade", "double", str(klass), "--shard", f"{i}/2", "--gradebook", str(book)])
        books.append(list(csv.DictReader(book.open(encoding="utf-8"))))
    names = sorted(Path(r["path"]).name for part in books for r in part)
    assert names == ["ana.py", "ben.py", "cho.py", "dan.py", "eun.py"]


def test_same_code_is_up_to_names_comments_and_formatting_only():
    sources = {"a": CORRECT, "b": RENAMED, "c": WRONG, "d": "def double(x):\n    return x * 2\n"}
    assert batch.same_code_groups(sources) == [["a", "b"]]
    starter = "def double(x):\n    raise NotImplementedError\n"
    copies = {"a": starter, "b": starter.replace("x", "y")}
    assert batch.same_code_groups(copies, starter=starter) == []   # the unchanged starter is no copy


def test_batch_refuses_to_run_unsandboxed_without_the_flag(klass, monkeypatch, capsys):
    monkeypatch.setenv("GRADER_SANDBOX", "none")
    assert main(["grade", "double", str(klass)]) == 2
    assert "--allow-unsandboxed" in capsys.readouterr().err
    assert main(["grade", "double", str(klass / "ana.py"), str(klass / "ben.py"), "--allow-unsandboxed"]) == 0
