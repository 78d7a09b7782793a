"""``quizapp bank lint``: the real banks, a valid fixture, and broken fixtures with exact messages."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from quizapp.banklint import lint_paths, normalise_recorded, run_snippets
from quizapp.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path("tests/fixtures/banks")  # relative: messages show paths relative to the cwd

pytestmark = pytest.mark.usefixtures("project_cwd")


def lint(capsys, *argv: str) -> tuple[int, list[str]]:
    code = main(["bank", "lint", *argv])
    return code, capsys.readouterr().out.splitlines()


# --------------------------------------------------------------------------------------------
# The project's banks

def test_project_banks_are_clean(capsys):
    """Every bank in questions/, output snippets run with the installed torch."""
    code, out = lint(capsys)
    assert code == 0, "\n".join(out)
    assert out[-1].startswith("OK: ")


# --------------------------------------------------------------------------------------------
# Valid fixture

def test_valid_fixture_is_clean(capsys):
    code, out = lint(capsys, str(FIXTURES / "valid"))
    assert code == 0, out
    assert len(out) == 1
    assert re.fullmatch(r"OK: 2 files, 7 questions, 2 output snippets run with torch \S+", out[0])


def test_valid_fixture_files_one_by_one(capsys):
    code, out = lint(capsys, "--no-run", str(FIXTURES / "valid" / "tensors.yaml"),
                     str(FIXTURES / "valid" / "autograd.yaml"))
    assert code == 0, out
    assert out == ["OK: 2 files, 7 questions, output snippets not run: --no-run"]


# --------------------------------------------------------------------------------------------
# Broken fixtures: exact messages

def expected_broken() -> list[str]:
    return (ROOT / FIXTURES / "broken-expected.txt").read_text(encoding="utf-8").splitlines()


def test_broken_fixture_messages(capsys):
    code, out = lint(capsys, "--no-run", str(FIXTURES / "broken"))
    assert code == 1
    assert out == expected_broken()


def test_broken_messages_are_sorted_file_line(capsys):
    code, out = lint(capsys, "--no-run", str(FIXTURES / "broken"))
    messages = out[:-1]
    keys = []
    for m in messages:
        match = re.match(r"^(\S+?\.yaml):(\d+): \S", m)
        assert match, m
        keys.append((match.group(1), int(match.group(2))))
    assert keys == sorted(keys)


def test_single_file_sees_sibling_ids(capsys):
    """Linting one file still finds an id that another bank of its folder uses."""
    code, out = lint(capsys, "--no-run", str(FIXTURES / "broken" / "dupes.yaml"))
    assert code == 1
    assert out[0] == ("tests/fixtures/banks/broken/dupes.yaml:4: questions[0].id: duplicate id "
                      "'schema-good', also at tests/fixtures/banks/broken/schema.yaml:4 "
                      "(id schema-good)")
    assert out[-1] == "4 problems in 1 file; 3 questions loaded, output snippets not run: --no-run"


def test_missing_path(capsys):
    code, out = lint(capsys, "--no-run", "tests/fixtures/banks/nowhere")
    assert code == 1
    assert out[0] == "tests/fixtures/banks/nowhere:0: no such file or folder"


@pytest.fixture(scope="module")
def output_report():
    import os

    old = os.getcwd()
    os.chdir(ROOT)
    try:
        return lint_paths([FIXTURES / "broken" / "output.yaml"], timeout=2.0)
    finally:
        os.chdir(old)


def test_output_questions_are_run(output_report):
    version = output_report.torch_version
    assert version
    f = "tests/fixtures/banks/broken/output.yaml"
    assert [str(e) for e in output_report.errors] == [
        f"{f}:26: questions[1].answer: recorded output differs from what torch {version} prints: "
        "line 2: recorded 'torch.float64', printed 'torch.float32' (id output-wrong)",
        f"{f}:36: questions[2].code: the code raised RuntimeError: shape '[4]' is invalid for "
        "input of size 6 (snippet line 3) (id output-raises)",
        f"{f}:48: questions[3].code: the code timed out after 2 s (id output-loops)",
        f"{f}:59: questions[4].code: the code crashed the Python process (exit status 3) "
        "(id output-crashes)",
        f"{f}:70: questions[5].code: the code timed out after 2 s (id output-hangs)",
    ]
    # the snippets after the crash and the hang still ran (output-after-all passed)
    assert output_report.snippets_run == 7


def test_snippets_are_isolated():
    results, version = run_snippets([
        ("a", "x = 1\nimport torch\ntorch.set_default_dtype(torch.float64)\n"
              "torch.set_printoptions(precision=1)\nprint(x)"),
        ("b", "import torch\nprint('x' in globals(), torch.get_default_dtype())\n"
              "print(torch.tensor([1.23456]))"),
        ("c", "import sys\nsys.exit(0)"),
        ("d", "print('한국어')"),
    ], timeout=5)
    assert results["a"].stdout == "1\n"
    assert results["b"].stdout == "False torch.float32\ntensor([1.2346])\n"
    assert results["c"].error is None and results["c"].stdout == ""
    assert results["d"].stdout == "한국어\n"


def test_normalise_recorded():
    assert normalise_recorded("\n a  \r\nb\t\n\n") == " a\nb"
    assert normalise_recorded("a\n\nb") == "a\n\nb"


def test_lint_only_a_tmp_bank(tmp_path, capsys):
    """A bank outside the project: sources fall back to questions/sources.yaml."""
    bank = tmp_path / "mine.yaml"
    bank.write_text(textwrap.dedent("""\
        topic: mine
        title: {ko: 내 주제, en: My topic}
        questions:
          - id: mine-1
            type: output
            difficulty: 1
            topics: [mine]
            source: concepts#tensor-ops
            prompt: {ko: 출력은?, en: What is printed?}
            code: |
              import torch
              print(torch.tensor([[1, 2], [3, 4]]).argmax().item())
            answer: "3"
            explanation: {ko: 평탄화한 인덱스, en: The flat index.}
        """), encoding="utf-8")
    code, out = lint(capsys, str(bank))
    assert code == 0, out
    assert out[0].startswith("OK: 1 file, 1 question, 1 output snippets run with torch ")
