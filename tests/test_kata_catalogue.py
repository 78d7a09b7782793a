"""``quizapp kata list | show | start`` and the catalogue functions behind them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quizapp import katas
from quizapp.cli import main

ROOT = Path(__file__).resolve().parent.parent
FINISHED = ("mm-vs-matmul", "custom-linear", "xavier-uniform")


pytestmark = pytest.mark.usefixtures("project_cwd")


@pytest.fixture
def data_dir(content_env):
    """The test's private user data folder (workspace, database)."""
    return content_env.data


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def spec_of(kata_id: str) -> dict:
    return yaml.safe_load((ROOT / "katas" / kata_id / "kata.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------------------------
# list

def test_list_table_shows_the_finished_katas(capsys):
    code, out, _ = run(capsys, "kata", "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "LEVEL", "MIN", "TOPICS", "DONE", "TITLE"]
    for kata_id in FINISHED:
        row = next(line for line in lines if line.startswith(kata_id + " "))
        spec = spec_of(kata_id)
        assert "*" * spec["difficulty"] in row
        assert spec["title"]["en"] in row
        assert ",".join(spec["topics"]) in row


def test_list_in_korean(capsys):
    code, out, _ = run(capsys, "--lang", "ko", "kata", "list")
    assert code == 0
    assert spec_of("custom-linear")["title"]["ko"] in out
    code, out, _ = run(capsys, "kata", "list", "--lang", "ko")
    assert spec_of("xavier-uniform")["title"]["ko"] in out


def test_list_json_shape(capsys):
    code, out, _ = run(capsys, "kata", "list", "--json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list)
    assert [item["id"] for item in data] == sorted(item["id"] for item in data)
    by_id = {item["id"]: item for item in data}
    for kata_id in FINISHED:
        item, spec = by_id[kata_id], spec_of(kata_id)
        assert {"id", "title", "difficulty", "minutes", "topics", "source"} <= set(item)
        assert item["title"] == {"ko": spec["title"]["ko"], "en": spec["title"]["en"]}
        assert item["difficulty"] in (1, 2, 3) and item["difficulty"] == spec["difficulty"]
        assert isinstance(item["minutes"], (int, float)) and item["minutes"] > 0
        assert item["topics"] == spec["topics"]
        assert item["source"] == spec["source"] and "#" in item["source"]
        assert item["error"] is None


def test_list_marks_solved_katas(capsys, data_dir):
    from quizapp.store import Store

    with Store.open(data_dir / "progress.db") as store:
        store.record_kata_attempt("custom-linear", "cpu", "pass", 1.0, "code", {"status": "pass"})
        store.record_kata_attempt("mm-vs-matmul", "cpu", "fail", 1.0, "code", {"status": "fail"})
    code, out, _ = run(capsys, "kata", "list")
    assert code == 0
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert rows["custom-linear"][4] == "done"
    assert rows["mm-vs-matmul"][4] == "tried"
    assert rows["xavier-uniform"][4] == "-"


# --------------------------------------------------------------------------------------------
# show

def test_show_prints_prompt_metadata_and_next_steps(capsys, data_dir):
    code, out, _ = run(capsys, "kata", "show", "custom-linear")
    assert code == 0
    spec = spec_of("custom-linear")
    assert out.startswith(f"custom-linear: {spec['title']['en']}")
    assert spec["prompt"]["en"].strip().splitlines()[0] in out
    assert spec["source"] in out and "nn-module" in out and "CustomLinear" in out
    assert "quizapp kata start custom-linear" in out
    assert f"quizapp grade custom-linear {data_dir / 'workspace' / 'custom-linear.py'}" in out


def test_show_hints_prints_every_hint_for_an_interviewer(capsys):
    spec = spec_of("custom-linear")
    code, out, _ = run(capsys, "kata", "show", "custom-linear")
    assert code == 0 and spec["hints"][0]["en"] not in out          # staged in the app
    code, out, _ = run(capsys, "kata", "show", "custom-linear", "--hints")
    assert code == 0 and all(f"{i}. {h['en']}" in out for i, h in enumerate(spec["hints"], 1))


def test_show_in_korean(capsys):
    code, out, _ = run(capsys, "--lang", "ko", "kata", "show", "xavier-uniform")
    assert code == 0
    spec = spec_of("xavier-uniform")
    assert spec["prompt"]["ko"].strip().splitlines()[0] in out
    assert spec["prompt"]["en"].strip().splitlines()[0] not in out
    assert "난이도" in out


def test_show_unknown_id_suggests_close_matches(capsys):
    code, out, err = run(capsys, "kata", "show", "linear")
    assert code == 2
    assert out == ""
    assert "unknown kata 'linear'" in err and "custom-linear" in err
    code, _, err = run(capsys, "kata", "show", "xavier-unifrom")
    assert code == 2 and "xavier-uniform" in err
    code, _, err = run(capsys, "kata", "show", "../katas")
    assert code == 2 and "unknown kata" in err


# --------------------------------------------------------------------------------------------
# start

def test_start_writes_the_starter_and_refuses_to_overwrite(capsys, data_dir):
    target = data_dir / "workspace" / "mm-vs-matmul.py"
    starter = (ROOT / "katas" / "mm-vs-matmul" / "starter.py").read_text(encoding="utf-8")

    code, out, _ = run(capsys, "kata", "start", "mm-vs-matmul")
    assert code == 0
    assert out.strip() == str(target)
    assert target.read_text(encoding="utf-8") == starter

    target.write_text("# my work in progress\n", encoding="utf-8")
    code, out, err = run(capsys, "kata", "start", "mm-vs-matmul")
    assert code == 1
    assert out == ""
    assert "already exists" in err and "--force" in err and str(target) in err
    assert target.read_text(encoding="utf-8") == "# my work in progress\n"

    code, out, _ = run(capsys, "kata", "start", "mm-vs-matmul", "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8") == starter
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_start_into_a_folder(capsys, tmp_path):
    folder = tmp_path / "elsewhere" / "nested"
    code, out, _ = run(capsys, "kata", "start", "xavier-uniform", "--dir", str(folder))
    assert code == 0
    assert out.strip() == str(folder / "xavier-uniform.py")
    assert (folder / "xavier-uniform.py").is_file()
    code, _, err = run(capsys, "kata", "start", "xavier-uniform", "--dir", str(folder))
    assert code == 1 and "already exists" in err


def test_start_unknown_id_exits_2(capsys, data_dir):
    code, out, err = run(capsys, "kata", "start", "no-such-kata")
    assert code == 2
    assert out == "" and "unknown kata 'no-such-kata'" in err
    assert not (data_dir / "workspace").exists()


# --------------------------------------------------------------------------------------------
# The functions (used by the TUI)

def make_catalogue(root: Path) -> Path:
    """A catalogue with one copied good kata, a broken one, and folders that are not katas."""
    import shutil

    catalogue = root / "katas"
    shutil.copytree(ROOT / "katas" / "mm-vs-matmul", catalogue / "mm-vs-matmul")
    (catalogue / "half-done").mkdir()
    (catalogue / "half-done" / "kata.yaml").write_text("id: half-done\ntitle: [oops\n", encoding="utf-8")
    (catalogue / "no-yaml").mkdir()
    (catalogue / "__pycache__").mkdir()
    (catalogue / "_template").mkdir()
    (catalogue / ".hidden").mkdir()
    (catalogue / "README.md").write_text("not a kata", encoding="utf-8")
    return catalogue


def test_list_katas_turns_broken_folders_into_error_entries(tmp_path):
    catalogue = make_catalogue(tmp_path)
    entries = katas.list_katas(catalogue)
    assert [e.id for e in entries] == ["half-done", "mm-vs-matmul", "no-yaml"]
    good = entries[1]
    assert good.ok and good.error is None and good.difficulty == 1 and good.entry
    assert good.title("ko") != good.title("en")
    assert len(good.hints("en")) >= 2 and good.starter.is_file()
    for broken in (entries[0], entries[2]):
        assert not broken.ok and broken.error
        assert broken.to_json()["title"] is None and broken.to_json()["error"] == broken.error
    assert "invalid YAML" in entries[0].error
    assert "no kata.yaml" in entries[2].error


def test_list_and_start_with_a_broken_kata(capsys, tmp_path, content_env):
    content_env.use_katas(make_catalogue(tmp_path))
    code, out, err = run(capsys, "kata", "list")
    assert code == 0
    assert "broken:" in out and "half-done" in err
    data = json.loads(run(capsys, "kata", "list", "--json")[1])
    assert {d["id"]: bool(d["error"]) for d in data} == {"half-done": True, "mm-vs-matmul": False,
                                                         "no-yaml": True}
    code, _, err = run(capsys, "kata", "start", "half-done")
    assert code == 1 and "cannot be used" in err
    code, _, err = run(capsys, "kata", "show", "no-yaml")
    assert code == 1 and "no kata.yaml" in err


def test_find_and_start_kata_functions(tmp_path, data_dir):
    assert katas.find_kata("custom-linear").ok
    assert katas.find_kata("nope") is None
    assert katas.find_kata("../katas") is None and katas.find_kata("") is None
    assert katas.workspace_file("custom-linear") == data_dir / "workspace" / "custom-linear.py"
    assert katas.workspace_file("custom-linear", tmp_path) == tmp_path / "custom-linear.py"
    path = katas.start_kata("custom-linear", tmp_path)
    assert path == tmp_path / "custom-linear.py" and path.is_file()
    with pytest.raises(FileExistsError):
        katas.start_kata("custom-linear", tmp_path)
    with pytest.raises(katas.UnknownKata) as info:
        katas.start_kata("custom-linaer", tmp_path)
    assert info.value.suggestions[0] == "custom-linear"


def test_close_matches():
    ids = ["custom-linear", "mm-vs-matmul", "xavier-uniform", "conv2d-unfold"]
    assert katas.close_matches("linear", ids) == ["custom-linear"]
    assert katas.close_matches("matmul", ids) == ["mm-vs-matmul"]
    assert katas.close_matches("xavier", ids) == ["xavier-uniform"]
    assert katas.close_matches("zzzz", ids) == []


def test_catalogue_does_not_import_torch():
    code = ("import sys, quizapp.katas as k; k.list_katas(); k.find_kata('custom-linear'); "
            "import quizapp.katalint; assert 'torch' not in sys.modules, 'torch imported'")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
