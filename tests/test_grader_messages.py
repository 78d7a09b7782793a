"""The grader's message catalogue (``grader/messages.py``): complete in both languages, and what a
Korean grade says. A grade is English unless it asks for Korean; in Korean its check names,
messages, diagnoses and terminal text are Korean, while the JSON keeps its shape, its keys and
its statuses."""

from __future__ import annotations

import ast
import re
import signal
import string
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch

from grader import compare as cmp
from grader import protocol, stats
from grader.cases import Case, randn
from grader.checks import describe_case, leaf_label
from grader.messages import DEFAULT_LANG, LANGS, MESSAGES, child_error, msg
from grader.plan import SIGNAL_REASONS, process_fate
from grader.report import ERROR, FAIL, PASS, Report
from grader.report import TestResult as Result  # not a test class

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "katas"
EVERY_KIND = FIXTURES / "every-kind"
DOUBLE = FIXTURES / "double"
HANGUL = re.compile("[\uac00-\ud7a3]")
#: Where the grader's texts are looked up (the grade command words its batch summary with them).
USERS = [*sorted((ROOT / "grader").rglob("*.py")), ROOT / "quizapp" / "commands" / "grade.py"]


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def words(text: str) -> str:
    """``text`` without its placeholders, code in backticks, and signal names."""
    return re.sub(r"\{[^}]*\}|`[^`]*`|SIG[A-Z]+", "", text)


# --------------------------------------------------------------------------------------------
# the catalogue itself

def test_every_message_has_both_languages_with_the_same_placeholders():
    assert LANGS == ("ko", "en") and DEFAULT_LANG == "en"
    for key, entry in MESSAGES.items():
        assert set(entry) == set(LANGS), key
        assert all(entry[lang].strip() for lang in LANGS), f"{key}: a blank text"
        assert placeholders(entry["ko"]) == placeholders(entry["en"]), key


def test_every_korean_message_is_written_in_korean():
    """A Korean text that says something in words says it in Hangul (one that is only its
    placeholders, such as ``{trial}: {message}``, is the same in both languages)."""
    for key, entry in MESSAGES.items():
        if re.search(r"[A-Za-z]{3,}", words(entry["en"])):
            assert HANGUL.search(words(entry["ko"])), f"{key}: {entry['ko']!r}"


def test_every_key_the_code_asks_for_exists():
    """Each literal key given to ``msg`` or ``ctx.say`` in the grader (and the grade command)."""
    asked = set()
    for path in USERS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                    "msg", "say") and node.args and isinstance(node.args[0], ast.Constant):
                asked.add(node.args[0].value)
    assert len(asked) > 100
    assert sorted(asked - set(MESSAGES)) == []


def test_the_keys_the_code_builds_exist():
    """Keys made from a value: statuses, statistical tests, signals, the child's reasons."""
    for status in (PASS, FAIL, ERROR):
        assert msg(f"status.{status}", "ko")
    for test in ("finite", "bounds", "mean", "variance", "shape"):
        assert msg(f"stats.test.{test}", "ko")
    for key in SIGNAL_REASONS.values():
        assert msg(key, "ko")
    for reason in ("exit", "memory", "not_implemented"):
        assert msg(f"child.{reason}", "ko", phase="", code="")


def test_a_missing_key_or_language_is_an_error_not_a_blank():
    with pytest.raises(KeyError, match=r"no message 'no\.such\.key'"):
        msg("no.such.key", "en")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        msg("check.outputs", "fr")
    with pytest.raises(KeyError):
        msg("check.not_run", "ko")  # a placeholder without its value


def test_lookup_fills_the_placeholders():
    assert msg("report.passed", "en", passed=2, total=3) == "2 of 3 checks passed"
    assert msg("report.passed", "ko", passed=2, total=3) == "검사 3개 중 2개 통과"
    assert msg("check.outputs") == "outputs match the reference"  # English unless asked


# --------------------------------------------------------------------------------------------
# the pieces, in both languages

def test_a_case_is_described_in_either_language_the_same_way():
    cases = [Case(args=[randn(3, 4, seed=1), torch.tensor(2.0)], seed=1, label="3x4"),
             Case(args=[randn(4, 6, seed=2)[:, ::2]], init_args=[4], init_kwargs={"bias": False}, seed=5)]
    for case in cases:
        assert describe_case(case, "en") == case.describe()  # Case.describe, in English
    assert describe_case(cases[1], "ko") == "케이스; 시드 5; init(4, bias=False); 입력 4x3 float32 비연속"
    assert describe_case(cases[0], "ko").endswith("입력 3x4 float32, 스칼라 float32")


def test_gradient_leaves_are_named_in_either_language():
    for leaf in ("arg0", "param:weight", "out"):
        assert leaf_label(leaf, "en") == protocol.leaf_label(leaf)
    assert leaf_label("param:weight", "ko") == "파라미터 weight의 기울기"


def test_the_childs_failures_are_worded_in_the_grades_language():
    exit_record = {"ok": False, "error": "the submission called sys.exit(3) during import",
                   "reason": "exit", "exit_code": "3", "task": None}
    assert child_error(exit_record, "en") == exit_record["error"]
    assert child_error(exit_record, "ko") == "제출물이 가져오는 중에 sys.exit(3)를 호출했습니다"
    memory = {"ok": False, "error": "ran out of memory during task 4 (MemoryError)", "reason": "memory", "task": 4}
    assert child_error(memory, "en") == memory["error"]
    assert child_error(memory, "ko") == "작업 4 실행 중에 메모리가 부족했습니다 (MemoryError)"
    own = {"ok": False, "error": "ValueError: boom"}  # the submission's own words stay its own
    assert child_error(own, "ko") == "ValueError: boom"


def test_how_the_process_ended_is_worded_in_the_grades_language():
    def outcome(**facts):
        return SimpleNamespace(**{"note": None, "zygote_died": False, "timed_out": False, "limit_s": 12.0,
                                  "returncode": None, **facts})

    assert process_fate(outcome(timed_out=True)) == "timed out after 12 s (wall clock) and was stopped"
    assert process_fate(outcome(timed_out=True), "ko") == "12초(벽시계 시간)가 지나 시간 초과로 중지되었습니다"
    assert "세그멘테이션 오류(SIGSEGV)" in process_fate(outcome(returncode=-signal.SIGSEGV), "ko")
    assert "메모리" in process_fate(outcome(returncode=-signal.SIGKILL), "ko")
    assert process_fate(outcome(returncode=137), "ko") == "상태 137(으)로 일찍 끝났습니다 (메모리 부족?)"
    assert "zygote" in process_fate(outcome(zygote_died=True), "ko")


def test_comparisons_and_diagnoses_in_korean():
    tol = cmp.tolerance_for(torch.float32)
    e = torch.arange(6.0).reshape(2, 3)
    transposed = cmp.compare(e.mT.contiguous(), e, tol, lang="ko")
    assert transposed.message == "모양 (3, 2), 기대한 모양 (2, 3)" and "전치" in transposed.diagnosis
    scaled = cmp.compare(e * 2, e, tol, lang="ko")
    assert scaled.message.startswith("원소 6개 중 5개가 다릅니다") and "2를 곱한" in scaled.diagnosis
    assert cmp.compare(e * 2, e, tol).message.startswith("5 of 6 elements differ")


def test_statistical_findings_in_korean():
    sample = torch.rand(2000, generator=torch.Generator().manual_seed(1)) * 2 - 1
    found = {f.test: f for f in stats.test_distribution(sample * 3, "uniform", bound=1.0, lang="ko")}
    assert "[-1, 1] 밖에 있습니다" in found["bounds"].message
    assert "균등 분포" in found["shape"].message
    english = {f.test: f for f in stats.test_distribution(sample * 3, "uniform", bound=1.0)}
    assert english.keys() == found.keys()  # the tests keep their names: figures are keyed by them


def test_the_terminal_text_is_in_the_reports_language():
    tests = [Result("기준 구현과 출력이 일치 (double)", FAIL, "시행 1/3: ...", kind="outputs"),
             Result("기준 autograd와 기울기가 일치 (double)", PASS, kind="gradients")]
    report = Report("double", FAIL, "검사 2개 중 1개 실패", tests, isolation="rlimits", duration_s=1.25, lang="ko")
    text = report.to_text().splitlines()
    assert text[0].startswith("샌드박스 없음: ")
    assert text[1] == "double: 실패  (1.2초, cpu, 격리: rlimits)"
    assert "   실패  기준 구현과 출력이 일치 (double)" in text      # five columns, as PASS takes
    assert text[-1] == "  검사 2개 중 1개 통과"
    english = Report("double", PASS, None, [], duration_s=1.0).to_text()
    assert english == "double: PASS  (1.0 s, cpu, isolation: )\n  0 of 0 checks passed"
    assert "lang" not in report.to_json()  # the JSON's shape does not change


# --------------------------------------------------------------------------------------------
# a whole grade in Korean

#: Several mistakes at once (each a redefinition after the kata's reference), so that one
#: grade fails checks of many kinds.
MISTAKES = '''
def center(x):
    if x.dim() == 0:
        raise ValueError("0-dim")
    return x - x.sum(0, keepdim=True) / x.shape[0]


def relu_(x):
    return torch.relu(x)


def uniform_fill_(t, bound):
    with torch.no_grad():
        return t.uniform_(0, bound)


def project(x, w):
    return torch.matmul(x, w)


class Scale(nn.Module):
    def __init__(self, features, bias=True):
        super().__init__()
        self.weight = torch.ones(features)
        self.bias = nn.Parameter(torch.zeros(features)) if bias else None

    def forward(self, x):
        return x * self.weight + (self.bias if self.bias is not None else 0)
'''


@pytest.fixture(scope="module")
def both_languages(grading_pool, tmp_path_factory):
    """The same failing submission of the every-kind kata, graded in English and in Korean."""
    path = tmp_path_factory.mktemp("mistakes") / "mistakes.py"
    reference = (EVERY_KIND / "reference.py").read_text(encoding="utf-8")
    path.write_text(reference + "\n\n" + textwrap.dedent(MISTAKES), encoding="utf-8")
    return {lang: grading_pool.grade(EVERY_KIND, path, device="cpu", lang=lang) for lang in LANGS}


def test_a_korean_grade_has_korean_check_names_and_messages(both_languages):
    from grader.kata import load_kata

    report = both_languages["ko"]
    named_by_kata = {c.name for c in load_kata(EVERY_KIND).spec.checks if c.name}
    failed = [t for t in report.tests if t.status != PASS]
    assert report.status == FAIL and len({t.kind for t in failed}) >= 6, report.to_text()
    for test in report.tests:
        if test.name not in named_by_kata:   # a kata's own name is the kata's words
            assert HANGUL.search(test.name), test.name
    for test in failed:
        assert HANGUL.search(test.message), test.message
    assert HANGUL.search(report.message) and report.message.startswith(f"검사 {len(report.tests)}개 중")
    assert "likely cause" not in report.to_text() and "가능한 원인:" in report.to_text()
    assert "checks passed" not in report.to_text()


def test_a_korean_grade_keeps_the_json_keys_statuses_and_figures(both_languages):
    english, korean = (both_languages[lang].to_json() for lang in ("en", "ko"))
    assert list(korean) == list(english) and korean["status"] == english["status"] == "fail"
    assert len(korean["tests"]) == len(english["tests"])
    for en, ko in zip(english["tests"], korean["tests"]):
        assert list(ko) == list(en)
        assert (ko["status"], ko["check"]) == (en["status"], en["check"])
        numbers = {k: v for k, v in en.items() if isinstance(v, (int, float)) and k != "duration_s"}
        assert {k: ko[k] for k in numbers} == numbers
    assert english["tests"][1]["name"] == "outputs match the reference (center)"
    assert korean["tests"][1]["name"] == "기준 구현과 출력이 일치 (center)"


def test_a_syntax_error_in_korean_says_the_line(grading_pool, tmp_path):
    path = tmp_path / "typo.py"
    path.write_text("import torch\n\ndef double(x:\n    return x\n", encoding="utf-8")
    korean = grading_pool.grade(DOUBLE, path, device="cpu", lang="ko")
    english = grading_pool.grade(DOUBLE, path, device="cpu")
    assert korean.status == english.status == ERROR
    assert korean.message.startswith("typo.py: 3번째 줄에 문법 오류가 있습니다: ")
    assert english.message.startswith("typo.py syntax error at line 3: ")


def test_an_import_failure_in_korean_names_the_line(grading_pool, tmp_path):
    path = tmp_path / "exits.py"
    path.write_text("import sys\n\nsys.exit(2)\n", encoding="utf-8")
    report = grading_pool.grade(DOUBLE, path, device="cpu", lang="ko")
    assert report.status == ERROR
    assert report.message == ("제출물을 가져오지 못했습니다: "
                              "제출물이 가져오는 중에 sys.exit(2)를 호출했습니다 (3번째 줄)")
    assert "제출물의 출력:" in report.to_text()
