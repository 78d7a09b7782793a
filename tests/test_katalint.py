"""``quizapp kata lint``: the pure parts, a deliberately broken kata, and every real kata."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import torch

from grader import report as grader_report
from grader.kata import KataSpec
from grader.plan import PlanCache
from grader.pool import Pool
from quizapp import katalint
from quizapp.katalint import (
    EntryPoint,
    entry_points,
    expectation_met,
    known_expectations,
    metadata_problems,
    parse_expectation,
    trivial_submissions,
)

ROOT = Path(__file__).resolve().parent.parent
KATAS = ROOT / "katas"
CATALOGUE = sorted(p.name for p in KATAS.iterdir() if (p / "kata.yaml").is_file())


pytestmark = pytest.mark.usefixtures("project_cwd")


# --------------------------------------------------------------------------------------------
# Entry points

def test_entry_points_of_the_references():
    read = lambda k: (ROOT / "katas" / k / "reference.py").read_text(encoding="utf-8")  # noqa: E731
    assert entry_points(read("mm-vs-matmul")) == [
        EntryPoint("project", "function"), EntryPoint("batch_project", "function"),
        EntryPoint("attention_scores", "function"), EntryPoint("similarity", "function")]
    assert entry_points(read("custom-linear")) == [EntryPoint("CustomLinear", "module")]
    assert entry_points(read("xavier-uniform"), ["xavier_uniform_"]) == [
        EntryPoint("xavier_uniform_", "function")]


def test_entry_points_kinds_and_names():
    source = textwrap.dedent('''
        import torch
        from torch import nn
        from torch.autograd import Function

        def _helper(x):
            return x

        class Base(nn.Module):
            pass

        class Net(Base):
            def forward(self, x):
                return x

        class Square(Function):
            @staticmethod
            def forward(ctx, x):
                return x * x

        class Cube(torch.autograd.Function):
            pass

        class MySGD(torch.optim.Optimizer):
            pass

        def square(x):
            return Square.apply(x)

        alias = square
    ''')
    assert entry_points(source) == [
        EntryPoint("Base", "module"), EntryPoint("Net", "module"), EntryPoint("Square", "autograd"),
        EntryPoint("Cube", "autograd"), EntryPoint("MySGD", "object"), EntryPoint("square", "function")]
    # With the kata's entry names: that order, helpers left out, unknown names are functions.
    assert entry_points(source, ["square", "Net", "alias"]) == [
        EntryPoint("square", "function"), EntryPoint("Net", "module"), EntryPoint("alias", "function")]


# --------------------------------------------------------------------------------------------
# Trivial submissions

def load(code: str) -> dict:
    namespace: dict = {}
    exec(compile(code, "<trivial>", "exec"), namespace)  # noqa: S102 - our own generated code
    return namespace


ENTRIES = [EntryPoint("f", "function"), EntryPoint("Layer", "module"), EntryPoint("Op", "autograd"),
           EntryPoint("Opt", "object")]


def test_trivial_submissions_do_what_they_say():
    subs = trivial_submissions(ENTRIES)
    assert list(subs) == ["zeros", "identity", "random", "transpose"]
    x = torch.randn(3, 4)
    w = torch.randn(4, 5)

    zeros = load(subs["zeros"])
    assert torch.equal(zeros["f"](x, w), torch.zeros(3, 4))
    assert torch.equal(zeros["f"](scale=2.0, x=x), torch.zeros(3, 4))  # first tensor, even by keyword
    assert torch.equal(zeros["f"](3, 4), torch.zeros(()))              # no tensor at all

    identity = load(subs["identity"])
    assert identity["f"](x, w) is x
    assert identity["f"](7) == 7

    random = load(subs["random"])
    out = random["f"](x)
    assert out.shape == x.shape and out.dtype == x.dtype and not torch.equal(out, x)
    assert random["f"](torch.arange(4)).dtype == torch.int64

    transpose = load(subs["transpose"])
    assert torch.equal(transpose["f"](x, w), x.mT)
    assert transpose["f"](torch.randn(2, 3, 4)).shape == (2, 4, 3)
    v = torch.randn(5)
    assert transpose["f"](v) is v


@pytest.mark.parametrize("kind", ["zeros", "identity", "random", "transpose"])
def test_trivial_classes_accept_anything(kind):
    ns = load(trivial_submissions(ENTRIES)[kind])
    layer = ns["Layer"](4, 5, bias=False)
    assert isinstance(layer, torch.nn.Module) and list(layer.parameters()) == []
    x = torch.randn(2, 4, requires_grad=True)
    assert isinstance(layer(x), torch.Tensor)
    y = ns["Op"].apply(x, 2.0)
    y.sum().backward()
    assert x.grad is not None and x.grad.shape == x.shape
    opt = ns["Opt"]([x], lr=0.1)
    opt.zero_grad()
    opt.step()
    assert len(opt) == 0


def test_trivial_submissions_compile_for_every_kata():
    for folder in sorted((ROOT / "katas").iterdir()):
        reference = folder / "reference.py"
        if not reference.is_file():
            continue
        for kind, code in trivial_submissions(entry_points(reference.read_text(encoding="utf-8"))).items():
            compile(code, f"{folder.name}-{kind}", "exec")


# --------------------------------------------------------------------------------------------
# Expectations

def test_parse_expectation():
    assert parse_expectation("# expect: outputs\n# the mistake\nimport torch\n") == "outputs"
    assert parse_expectation("#expect:  batch_project matches the reference  \nx = 1\n") == \
        "batch_project matches the reference"
    assert parse_expectation("\n# a comment first\n# expect: error\n") == "error"
    assert parse_expectation("import torch\n# expect: outputs\n") is None
    assert parse_expectation("# expect:\n") is None
    assert parse_expectation("") is None


def test_expectation_met():
    tests = [grader_report.TestResult("does not use torch.nn.init", "pass", kind="forbidden"),
             grader_report.TestResult("values follow U(-a, a)", "fail", "bound", kind="statistics"),
             grader_report.TestResult("raises ValueError below 2 dims", "pass", kind="raises")]
    assert expectation_met("statistics", "fail", tests)
    assert expectation_met("values follow U(-a, a)", "fail", tests)
    assert not expectation_met("raises", "fail", tests)            # that check passed
    assert not expectation_met("forbidden", "fail", tests)
    assert not expectation_met("values follow", "fail", tests)     # names match exactly
    assert not expectation_met("error", "fail", tests)
    assert expectation_met("error", "error", [])
    assert not expectation_met("statistics", "pass", tests)        # a pass never meets it
    as_json = [t.to_json() for t in tests]                         # results-v3 dicts work too
    assert expectation_met("statistics", "fail", as_json)
    assert expectation_met("values follow U(-a, a)", "fail", as_json)
    assert not expectation_met("raises", "fail", as_json)


# --------------------------------------------------------------------------------------------
# Metadata

def good_spec(**changes) -> KataSpec:
    data = {
        "id": "double", "title": {"ko": "두 배로", "en": "Double it"}, "difficulty": 1, "minutes": 5,
        "topics": ["tensors"], "source": "boostcamp-day11#s2-4", "entry": ["double"],
        "prompt": {"ko": "입력을 두 배로 만드세요.", "en": "Double the input."},
        "hints": [{"ko": "곱하기를 쓰세요.", "en": "Multiply."}, {"ko": "`x * 2`입니다.", "en": "`x * 2`."}],
        "checks": [{"kind": "outputs", "function": "double", "cases": "cases"}],
    }
    data.update(changes)
    return KataSpec.model_validate(data)


SOURCES = {"boostcamp-day11#s2-4", "interview-qa#q10"}
TOPICS = {"tensors", "autograd", "nn-module", "init"}  # as the banks would name them


def test_metadata_complete():
    assert metadata_problems(good_spec(), SOURCES, TOPICS) == []
    assert metadata_problems(good_spec()) == []   # checks that need an index are skipped


def test_metadata_problems():
    spec = good_spec(title={"ko": "Double it", "en": "Double it"},
                     prompt={"ko": "두 배", "en": "   "},
                     hints=[{"ko": "곱하기", "en": "Multiply."}],
                     topics=["tensors", "quantum"], source="interview-qa#q99")
    assert metadata_problems(spec, SOURCES, TOPICS) == [
        "kata.yaml: title.ko has no Korean text",
        "kata.yaml: prompt.en is blank",
        "kata.yaml: 1 hint(s); give at least 2, from a nudge to nearly the answer",
        "kata.yaml: unknown topic 'quantum' (known: " + ", ".join(sorted(TOPICS)) + ")",
        "kata.yaml: source 'interview-qa#q99' is not an anchor in questions/sources.yaml",
    ]


def test_known_expectations():
    spec = good_spec(checks=[{"kind": "forbidden", "name": "no mul", "apis": ["torch.mul"]},
                             {"kind": "outputs", "function": "double", "cases": "cases"}])
    assert known_expectations(spec) == {"error", "entry", "forbidden", "outputs", "no mul"}
    assert "double matches the reference" in known_expectations(spec, ["double matches the reference"])


def test_known_topics_include_bank_files():
    assert {"tensors", "nn-module", "init"} <= katalint.known_topics()


# --------------------------------------------------------------------------------------------
# Seed overlap

def test_seed_overlap_parses_the_tool(tmp_path):
    kata = tmp_path / "katas" / "copied"
    kata.mkdir(parents=True)
    tool = tmp_path / "fake_overlap.py"
    tool.write_text(textwrap.dedent(f'''
        import sys
        print("{kata}/starter.py: 70+ chars copied from 000_x.txt: 'some words'...")
        print("1 copied passage(s): restate them in your own words.")
        sys.exit(1)
    '''), encoding="utf-8")
    found, note = katalint.seed_overlap([kata], tool)
    assert note is None
    assert found == {kata: ["copied from the sources: starter.py: 70+ chars copied from 000_x.txt: "
                            "'some words'..."]}
    found, note = katalint.seed_overlap([kata], tmp_path / "missing.py")
    assert found == {} and "skipped" in note


# --------------------------------------------------------------------------------------------
# A deliberately broken kata

BROKEN_YAML = """\
id: broken-kata
title: {ko: "Double", en: "Double"}
difficulty: 1
minutes: 5
topics: [tensors]
source: concepts#no-such-anchor
entry: [double]
prompt:
  ko: "입력 텐서를 두 배로 만들어 돌려주세요. `torch.mul`은 쓸 수 없습니다."
  en: "Return the input tensor doubled, without `torch.mul`."
hints:
  - {ko: "더하기로도 두 배를 만들 수 있습니다.", en: "Adding works too."}
checks:
  - kind: forbidden
    name: does not use torch.mul
    apis: [torch.mul]
    why: {ko: "더하기로 풀어 보세요.", en: "solve it with addition."}
  - kind: outputs
    name: double matches the reference
    function: double
    cases: double_cases
"""

BROKEN_FILES = {
    "cases.py": """\
        from grader.cases import Case, randn


        def double_cases():
            return [Case(args=[randn(*shape, seed=seed)], seed=seed, label=f"shape {shape}")
                    for seed, shape in enumerate([(3,), (2, 4), (1, 1, 5)])]
    """,
    # Uses the forbidden API: the reference fails its own kata.
    "reference.py": """\
        import torch


        def double(x):
            return torch.mul(x, 2)
    """,
    "starter.py": """\
        def double(x):
            raise NotImplementedError
    """,
    # A "wrong" submission that is right: it passes.
    "wrong/adds.py": """\
        # expect: double matches the reference
        # Meant to be wrong, but x + x is exactly right.
        def double(x):
            return x + x
    """,
    # No expectation line; it does fail (triples).
    "wrong/triples.py": """\
        # Triples instead of doubling.
        def double(x):
            return x + x + x
    """,
    # Fails, but on another check than the one it names.
    "wrong/halves.py": """\
        # expect: forbidden
        # Halves instead of doubling (and uses no forbidden API).
        def double(x):
            return x * 0.5
    """,
}


def make_broken_catalogue(root: Path) -> Path:
    catalogue = root / "katas"
    kata = catalogue / "broken-kata"
    (kata / "wrong").mkdir(parents=True)
    (kata / "kata.yaml").write_text(BROKEN_YAML, encoding="utf-8")
    for name, text in BROKEN_FILES.items():
        (kata / name).write_text(textwrap.dedent(text), encoding="utf-8")
    bad = catalogue / "bad-yaml"
    bad.mkdir()
    (bad / "kata.yaml").write_text("id: bad-yaml\ndifficulty: 9\n", encoding="utf-8")
    return catalogue


@pytest.mark.slow
def test_lint_reports_a_broken_kata(tmp_path):
    catalogue = make_broken_catalogue(tmp_path)
    report = katalint.lint_katas(folder=catalogue, jobs=2, device="cpu", seeds=False)
    assert report.katas == ["bad-yaml", "broken-kata"]
    found = report.by_kata()
    broken = found["broken-kata"]
    text = "\n".join(str(p) for p in report.problems)

    def has(fragment: str) -> bool:
        return any(fragment in message for message in broken)

    assert has("title.ko has no Korean text"), text
    assert has("1 hint(s)"), text
    assert has("source 'concepts#no-such-anchor' is not an anchor"), text
    assert has("reference.py does not pass (fail)") and has("does not use torch.mul"), text
    assert has("wrong/adds.py passes; it should fail on 'double matches the reference'"), text
    assert has("wrong/triples.py: no '# expect: <check>' first line"), text
    assert has("wrong/halves.py fails (fail), but not on 'forbidden' "
               "(failed: double matches the reference)"), text
    assert not has("wrong submission(s) in wrong/"), text           # three are there
    assert not has("starter.py"), text                              # the starter fails, as it should
    assert not has("trivial submission"), text                      # all four fail
    assert all(str(p).startswith(("katas/broken-kata: ", "katas/bad-yaml: ")) for p in report.problems)
    # One problem per mistake in kata.yaml, each with its line.
    assert "kata.yaml:2: difficulty: Input should be less than or equal to 3, got 9" in found["bad-yaml"]
    assert all(m.startswith("kata.yaml:") for m in found["bad-yaml"]), found["bad-yaml"]
    assert report.grades == 2 + 3 + 4
    assert not report.ok


def test_lint_cli_unknown_id_exits_2(capsys):
    from quizapp.cli import main

    assert main(["kata", "lint", "no-such-kata"]) == 2
    out, err = capsys.readouterr()
    assert "unknown kata 'no-such-kata'" in err


# --------------------------------------------------------------------------------------------
# Every kata of the project (the authoring check the issue asks for)

@pytest.fixture(scope="module")
def second_pool():
    """A pool of its own for the comparison: its slot never graded what the shared pool did."""
    with Pool(1, device="cpu") as pool:
        yield pool


@pytest.mark.slow
@pytest.mark.parametrize("kata_id", CATALOGUE)
def test_kata_passes_the_authoring_check_and_grades_the_same_from_scratch(kata_id, grading_pool, second_pool):
    """`quizapp kata lint` on one kata of katas/, through the warm pool the whole test session
    shares: the reference passes, the starter, wrong and trivial submissions fail as they should,
    the metadata is complete. Then the reference and every wrong/ file again, in reverse order, on
    another pool with nothing planned (a new plan cache, as a one-off grade has): the same status
    and the same failed checks. (A true one-off grade per file: test_one_off_grades_agree.)"""
    report = katalint.lint_katas([kata_id], seeds=False, pool=grading_pool)
    problems = "\n".join(str(p) for p in report.problems)
    assert not report.problems, (
        f"{len(report.problems)} authoring problem(s) (run `quizapp kata lint {kata_id}`):\n{problems}")
    warm = {j.label: j.report for j in report.graded
            if j.label == "reference.py" or j.label.startswith("wrong/")}
    second_pool.plans = PlanCache()
    for label, report in sorted(warm.items(), reverse=True):
        fresh = second_pool.grade(KATAS / kata_id, KATAS / kata_id / label)
        assert (fresh.status, failed_names(fresh)) == (report.status, failed_names(report)), \
            f"{label}: warm {report.status} {failed_names(report)}, fresh {fresh.status} {failed_names(fresh)}"


@pytest.mark.slow
def test_one_off_grades_agree_with_the_warm_pool(grading_pool):
    """Cold one-off grades (`quizapp grade`'s path: a new slot and plan for each file) of one
    kata's reference and wrong files give the verdicts of the shared warm pool."""
    from grader.core import grade

    kata = KATAS / "custom-linear"
    for path in [kata / "reference.py", *sorted((kata / "wrong").glob("*.py"))]:
        cold, warm = grade(kata, path, device="cpu"), grading_pool.grade(kata, path)
        assert (cold.status, failed_names(cold)) == (warm.status, failed_names(warm)), path.name


def failed_names(report) -> list[str]:
    return sorted(t.name for t in report.tests if t.status != "pass")


def test_no_kata_copies_the_sources():
    folders = [KATAS / k for k in CATALOGUE]
    found, note = katalint.seed_overlap(folders)
    assert found == {}, found
